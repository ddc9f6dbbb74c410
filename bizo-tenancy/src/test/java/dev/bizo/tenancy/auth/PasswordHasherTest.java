package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.NonRetriableException;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  /** Small parameters keep the tests fast; production uses {@link Argon2Settings#recommended()}. */
  static final Argon2Settings FAST = new Argon2Settings(64, 1, 1, 16, 32);

  private final PasswordHasher hasher = new PasswordHasher(FAST);

  @Test
  void encodes_hash_in_phc_format_with_its_parameters() {
    String encoded = hasher.hash("correct horse battery staple");

    assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void verifies_the_right_password_and_refuses_a_wrong_one() {
    String encoded = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify("correct horse battery staple", encoded)).isTrue();
    assertThat(hasher.verify("correct horse battery stapler", encoded)).isFalse();
    assertThat(hasher.verify("", encoded)).isFalse();
  }

  @Test
  void makes_decoys_in_the_real_format_that_are_verified_and_match_nothing() {
    String decoy = hasher.decoy();

    assertThat(decoy).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify("", decoy)).isFalse();
    assertThat(hasher.verify("decoy", decoy)).isFalse();
    assertThat(hasher.needsRehash(decoy)).isFalse();
    assertThat(hasher.decoy()).isNotEqualTo(decoy);
  }

  @Test
  void salts_every_hash_differently() {
    assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
  }

  @Test
  void refuses_a_hash_whose_parameters_were_tampered_with() {
    // Independent check of the encoding: a hash made with m=64 must not verify once m is changed.
    String encoded = hasher.hash("tampering test pw");
    String tampered = encoded.replace("m=64,", "m=72,");

    assertThat(hasher.verify("tampering test pw", tampered)).isFalse();
  }

  @Test
  void treats_unicode_compatibility_forms_as_the_same_password() {
    String encoded = hasher.hash("ﬁnal ﬂourish password"); // ligatures fi, fl

    assertThat(hasher.verify("final flourish password", encoded)).isTrue();
  }

  @Test
  void asks_for_a_rehash_when_any_parameter_changed() {
    String encoded = hasher.hash("correct horse battery staple");

    assertThat(hasher.needsRehash(encoded)).isFalse();
    assertThat(new PasswordHasher(FAST.withMemoryKib(128)).needsRehash(encoded)).isTrue();
    assertThat(new PasswordHasher(FAST.withIterations(2)).needsRehash(encoded)).isTrue();
    assertThat(new PasswordHasher(FAST.withParallelism(2)).needsRehash(encoded)).isTrue();
  }

  @Test
  void verifies_old_hashes_with_their_own_parameters_after_settings_change() {
    String old = hasher.hash("correct horse battery staple");
    PasswordHasher stronger = new PasswordHasher(FAST.withMemoryKib(128).withIterations(2));

    assertThat(stronger.verify("correct horse battery staple", old)).isTrue();
    String rehashed = stronger.hash("correct horse battery staple");
    assertThat(rehashed).contains("m=128,t=2,p=1");
    assertThat(stronger.needsRehash(rehashed)).isFalse();
  }

  @Test
  void refuses_unreadable_or_unbounded_hashes_with_a_stable_code() {
    assertThatThrownBy(() -> hasher.verify("pw", "$2a$10$bcryptlookingthing"))
        .isInstanceOf(NonRetriableException.class)
        .extracting(e -> ((NonRetriableException) e).code())
        .isEqualTo("auth.bad_password_hash");
    String huge = hasher.hash("x-password-x").replace("m=64,", "m=99999999,");
    assertThatThrownBy(() -> hasher.verify("x-password-x", huge))
        .isInstanceOf(NonRetriableException.class)
        .hasMessageNotContaining("x-password-x");
  }

  @Test
  void rejects_settings_outside_safe_ranges() {
    assertThatThrownBy(() -> new Argon2Settings(4, 1, 1, 16, 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Settings(64, 0, 1, 16, 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Settings(64, 1, 1, 8, 32)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Argon2Settings.recommended().memoryKib()).isEqualTo(19 * 1024);
  }
}
