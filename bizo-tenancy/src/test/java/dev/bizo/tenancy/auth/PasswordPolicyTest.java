package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private final PasswordPolicy policy = PasswordPolicy.defaults();

  @Test
  void bundles_a_few_hundred_common_passwords() {
    assertThat(PasswordPolicy.bundledCommonPasswords()).hasSizeGreaterThan(300).contains("password", "qwertyuiop");
  }

  @Test
  void refuses_passwords_shorter_than_the_minimum() {
    assertThat(violation("Tr0ub4dor&3")).isEqualTo("too_short"); // 11 characters
    assertThatCode(() -> policy.check("Tr0ub4dor&3x")).doesNotThrowAnyException();
  }

  @Test
  void counts_length_in_code_points_not_utf16_units() {
    // Six emoji are twelve UTF-16 units but only six characters.
    assertThat(violation("😀😁😂🤣😃😄")).isEqualTo("too_short");
  }

  @Test
  void refuses_passwords_longer_than_the_maximum() {
    assertThat(violation("ab1!".repeat(33))).isEqualTo("too_long");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "qwertyuiop123", "password1234", "Password2024!", "P@ssw0rd2024!", "1234567890123", "iloveyou1234!!",
    "W3lc0me123456", "##football2025", "aaaaaaaaaaaaaaa", "abababababab", "LetMeIn1234567"
  })
  void refuses_common_passwords_and_their_padded_or_l33t_variants(String password) {
    assertThat(violation(password)).isEqualTo("too_common");
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct horse battery staple", "vK9#mQ2!zL7@wP4", "my cat eats olives at noon"})
  void accepts_long_uncommon_passwords(String password) {
    assertThatCode(() -> policy.check(password)).doesNotThrowAnyException();
  }

  @Test
  void never_repeats_the_password_in_the_error() {
    assertThatThrownBy(() -> policy.check("Password2024!"))
        .isInstanceOf(ValidationException.class)
        .hasMessageNotContaining("Password2024!");
  }

  @Test
  void accepts_a_caller_supplied_list() {
    PasswordPolicy custom = new PasswordPolicy(10, 64, java.util.Set.of("bizoplatform"));
    assertThatThrownBy(() -> custom.check("BizoPlatform99")).isInstanceOf(ValidationException.class);
    assertThatCode(() -> custom.check("password99x")).doesNotThrowAnyException();
  }

  private String violation(String password) {
    try {
      policy.check(password);
      return "accepted";
    } catch (ValidationException e) {
      assertThat(e.fieldErrors()).singleElement().extracting(ValidationException.FieldError::field).isEqualTo("password");
      return e.fieldErrors().get(0).code();
    }
  }
}
