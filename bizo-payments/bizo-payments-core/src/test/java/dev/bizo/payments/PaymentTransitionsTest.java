package dev.bizo.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.core.ConflictException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PaymentTransitionsTest {

  /**
   * The expected table, written out independently of the production one: rows are "from", columns in
   * enum order (NEW PENDING UNKNOWN AUTHORIZED CAPTURED PARTIALLY_REFUNDED REFUNDED VOIDED DECLINED FAILED).
   */
  private static final String[] EXPECTED = {
    "NEW                . x x x x . . . x x",
    "PENDING            . . . x x . . . x .",
    "UNKNOWN            . x . x x . . . x .",
    "AUTHORIZED         . . . . x . . x . .",
    "CAPTURED           . . . . . x x . . .",
    "PARTIALLY_REFUNDED . . . . . x x . . .",
    "REFUNDED           . . . . . . . . . .",
    "VOIDED             . . . . . . . . . .",
    "DECLINED           . . . . . . . . . .",
    "FAILED             . . . . . . . . . .",
  };

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (String row : EXPECTED) {
      String[] cells = row.trim().split("\\s+");
      PaymentStatus from = PaymentStatus.valueOf(cells[0]);
      for (PaymentStatus to : PaymentStatus.values()) {
        pairs.add(Arguments.of(from, to, cells[1 + to.ordinal()].equals("x")));
      }
    }
    return pairs.stream();
  }

  @Test
  void the_expected_table_covers_every_pair() {
    assertThat(everyPair()).hasSize(PaymentStatus.values().length * PaymentStatus.values().length);
  }

  @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
  @MethodSource("everyPair")
  void allows_exactly_the_transitions_of_the_table(PaymentStatus from, PaymentStatus to, boolean legal) {
    assertThat(PaymentTransitions.isAllowed(from, to)).isEqualTo(legal);
    if (legal) {
      assertThatCode(() -> PaymentTransitions.require(from, to)).doesNotThrowAnyException();
    } else {
      ConflictException e = catchThrowableOfType(ConflictException.class, () -> PaymentTransitions.require(from, to));
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo("payment.illegal_transition");
      assertThat(e.getMessage()).contains("The payment is " + from);
    }
  }

  @Test
  void final_statuses_are_exactly_the_ones_without_exits() {
    Set<PaymentStatus> finals = EnumSet.noneOf(PaymentStatus.class);
    for (PaymentStatus s : PaymentStatus.values()) {
      if (s.isFinal()) {
        finals.add(s);
      }
    }
    assertThat(finals).containsExactlyInAnyOrder(
        PaymentStatus.REFUNDED, PaymentStatus.VOIDED, PaymentStatus.DECLINED, PaymentStatus.FAILED);
  }

  @Test
  void failed_is_reachable_only_from_new() {
    for (PaymentStatus from : PaymentStatus.values()) {
      assertThat(PaymentTransitions.isAllowed(from, PaymentStatus.FAILED)).as("from %s", from)
          .isEqualTo(from == PaymentStatus.NEW);
    }
  }
}
