package dev.bizo.payments.internal.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.TransactionId;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.spi.NextAction;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyRecordsTest {

  @Test
  void a_stored_response_decodes_to_an_equal_response() {
    PaymentResponse pending = new PaymentResponse(
        PaymentId.generate(), "simulator", PaymentStatus.PENDING, Money.of("0.123", "KWD"), TransactionId.generate(),
        TransactionStatus.PENDING, Money.of("0.123", "KWD"), Optional.of("sim_ch_1"), Optional.empty(),
        Optional.of("waiting for \"3DS\""), Optional.of(NextAction.redirect(URI.create("https://example.test/3ds"))));
    PaymentResponse declined = new PaymentResponse(
        PaymentId.generate(), "stripe", PaymentStatus.DECLINED, Money.of("500", "JPY"), TransactionId.generate(),
        TransactionStatus.DECLINED, Money.of("500", "JPY"), Optional.empty(), Optional.of("card_declined"),
        Optional.of("The card was declined"), Optional.empty());

    assertThat(IdempotencyRecords.decode(IdempotencyRecords.encode(pending))).isEqualTo(pending);
    assertThat(IdempotencyRecords.decode(IdempotencyRecords.encode(declined))).isEqualTo(declined);
  }

  @Test
  void a_stored_failure_is_rethrown_as_the_same_type_code_and_message() {
    NonRetriableException[] failures = {
      new ConflictException("payment.refund_exceeds_captured", "too much"),
      ValidationException.ofField("amount", "not_positive", "must be positive"),
      NotFoundException.of("payment", "42"),
      new ConfigurationException("payment.gateway_not_installed", "no such gateway"),
    };
    for (NonRetriableException failure : failures) {
      NonRetriableException replayed = IdempotencyRecords.Failed.of(failure).toException();
      assertThat(replayed).isExactlyInstanceOf(failure.getClass());
      assertThat(replayed.code()).isEqualTo(failure.code());
      assertThat(replayed.getMessage()).isEqualTo(failure.getMessage());
    }
  }
}
