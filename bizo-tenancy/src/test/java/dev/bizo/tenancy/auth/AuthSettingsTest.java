package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

  @Test
  void reads_defaults_with_only_the_issuer_set() {
    BizoConfig config = BizoConfig.of(Map.of("bizo.auth.issuer", "https://bizo.example"));

    assertThat(AuthSettings.accessTokens(config)).isEqualTo(AccessTokenSettings.of("https://bizo.example"));
    assertThat(AuthSettings.argon2(config)).isEqualTo(Argon2Settings.recommended());
    assertThat(AuthSettings.throttle(config)).isEqualTo(ThrottleSettings.defaults());
    assertThat(AuthSettings.refreshTokenLifetime(config)).isEqualTo(Duration.ofDays(30));
    assertThat(AuthSettings.passwordPolicy(config).minLength()).isEqualTo(12);
  }

  @Test
  void reads_overrides() {
    BizoConfig config = BizoConfig.of(Map.of(
        "bizo.auth.issuer", "i", "bizo.auth.access-token-lifetime", "5m", "bizo.auth.argon2.memory-kib", "65536",
        "bizo.auth.login.max-account-failures", "3"));

    assertThat(AuthSettings.accessTokens(config).lifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(AuthSettings.argon2(config).memoryKib()).isEqualTo(65536);
    assertThat(AuthSettings.throttle(config).maxAccountFailures()).isEqualTo(3);
  }

  @Test
  void refuses_an_access_token_lifetime_over_fifteen_minutes_at_start_up() {
    BizoConfig config = BizoConfig.of(Map.of("bizo.auth.issuer", "i", "bizo.auth.access-token-lifetime", "1h"));

    assertThatThrownBy(() -> AuthSettings.accessTokens(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("bizo.auth.access-token-lifetime");
  }

  @Test
  void requires_an_issuer() {
    assertThatThrownBy(() -> AuthSettings.accessTokens(BizoConfig.of(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("BIZO_AUTH_ISSUER");
  }
}
