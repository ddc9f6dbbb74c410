package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.TenantId;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SigningKeyRingTest {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final AccessTokenSettings settings = AccessTokenSettings.of("https://auth.bizo.test");
  private final SigningKeyRing ring = SigningKeyRing.generate(settings.retiredKeyRetention(), clock);

  @Test
  void rotates_only_when_the_active_key_is_old_enough() {
    String first = ring.active().keyId();

    clock.advance(Duration.ofDays(29));
    assertThat(ring.rotateIfOlderThan(Duration.ofDays(30))).isFalse();
    assertThat(ring.active().keyId()).isEqualTo(first);

    clock.advance(Duration.ofDays(1));
    assertThat(ring.rotateIfOlderThan(Duration.ofDays(30))).isTrue();
    assertThat(ring.active().keyId()).isNotEqualTo(first);
    assertThat(ring.find(first)).get().extracting(k -> k.retiredAt().orElseThrow()).isEqualTo(clock.instant());
  }

  @Test
  void survives_a_round_trip_through_secret_json_so_another_replica_verifies_the_same_tokens() {
    AccessTokens original = new AccessTokens(ring, settings, clock);
    AccessToken old = original.issue(TenantId.generate(), "u1", Set.of());
    ring.rotate();
    AccessToken current = original.issue(TenantId.generate(), "u2", Set.of());

    SigningKeyRing loaded = SigningKeyRing.fromSecretJson(ring.toSecretJson(), settings.retiredKeyRetention(), clock);
    AccessTokens replica = new AccessTokens(loaded, settings, clock);

    assertThat(replica.verify(old.value()).subject()).isEqualTo("u1");
    assertThat(replica.verify(current.value()).subject()).isEqualTo("u2");
    assertThat(loaded.active().keyId()).isEqualTo(ring.active().keyId());
    assertThat(loaded.keys()).hasSize(2);
    assertThat(replica.issue(TenantId.generate(), "u3", Set.of()).keyId()).isEqualTo(ring.active().keyId());
  }

  @Test
  void refuses_json_that_is_not_a_ring_of_private_keys() {
    String publicOnly = "{\"keys\":[{\"jwk\":" + ring.active().publicKey().toJSONString() + ",\"createdAt\":\"2026-01-01T00:00:00Z\"}]}";

    assertThatThrownBy(() -> SigningKeyRing.fromSecretJson(publicOnly, Duration.ofMinutes(15), clock))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> SigningKeyRing.fromSecretJson("{}", Duration.ofMinutes(15), clock))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("\"d\"");
  }

  @Test
  void requires_exactly_one_active_key_first() {
    SigningKey active = ring.active();
    ring.rotate();
    SigningKey retired = ring.find(active.keyId()).orElseThrow();

    assertThatThrownBy(() -> SigningKeyRing.of(java.util.List.of(retired), Duration.ofMinutes(15), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKeyRing.of(java.util.List.of(ring.active(), ring.active()), Duration.ofMinutes(15), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
