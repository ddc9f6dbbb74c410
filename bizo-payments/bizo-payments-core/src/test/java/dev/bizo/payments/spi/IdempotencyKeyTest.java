package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void accepts_printable_ascii_up_to_255_characters() {
    assertThat(IdempotencyKey.of("order-42:pay").value()).isEqualTo("order-42:pay");
    assertThat(IdempotencyKey.of("k".repeat(255)).value()).hasSize(255);
  }

  @Test
  void rejects_blank_long_and_non_ascii_keys() {
    assertThatThrownBy(() -> IdempotencyKey.of(" ")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> IdempotencyKey.of("k".repeat(256))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> IdempotencyKey.of("clé")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> IdempotencyKey.of("a b")).isInstanceOf(ValidationException.class);
  }

  @Test
  void derived_keys_are_deterministic_distinct_and_valid() {
    IdempotencyKey key = IdempotencyKey.of("order-42");
    assertThat(key.derive("capture")).isEqualTo(key.derive("capture")).isNotEqualTo(key.derive("refund"));
    IdempotencyKey longKey = IdempotencyKey.of("k".repeat(255));
    assertThat(longKey.derive("capture").value()).hasSizeLessThanOrEqualTo(255)
        .isNotEqualTo(longKey.derive("refund").value());
  }

  @Test
  void random_keys_differ() {
    assertThat(IdempotencyKey.random()).isNotEqualTo(IdempotencyKey.random());
  }
}
