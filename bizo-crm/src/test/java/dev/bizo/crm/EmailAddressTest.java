package dev.bizo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @ParameterizedTest
  @CsvSource({
    "'  Ada.Lovelace@Example.COM ', ada.lovelace@example.com",
    "ADA+crm@sub.example.co.uk, ada+crm@sub.example.co.uk",
    "o'brien@example.ie, o'brien@example.ie"
  })
  void normalizes_to_trimmed_lower_case(String raw, String expected) {
    assertThat(EmailAddress.of(raw).value()).isEqualTo(expected);
  }

  @Test
  void differently_cased_addresses_are_equal() {
    assertThat(EmailAddress.of("Ada@Example.com")).isEqualTo(EmailAddress.of("ada@example.COM"));
    assertThat(EmailAddress.of("Ada@Example.com").domain()).isEqualTo("example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plainaddress", "@example.com", "ada@", "ada@@example.com", "ada@example",
      "ada lovelace@example.com", "ada@exa mple.com", ".ada@example.com", "ada.@example.com",
      "a..b@example.com", "ada@-example.com", "ada@example.c"})
  void rejects_invalid_addresses(String raw) {
    assertThatThrownBy(() -> EmailAddress.of(raw))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("email");
            assertThat(f.code()).isEqualTo("invalid_email");
          });
        });
  }

  @Test
  void rejects_blank_and_overlong_addresses() {
    assertThatThrownBy(() -> EmailAddress.of("  "))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("required"));
    assertThatThrownBy(() -> EmailAddress.of("a".repeat(65) + "@example.com"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void the_record_constructor_refuses_unnormalized_values() {
    assertThatThrownBy(() -> new EmailAddress("Ada@example.com")).isInstanceOf(ValidationException.class);
  }
}
