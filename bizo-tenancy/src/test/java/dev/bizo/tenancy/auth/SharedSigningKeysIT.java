package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.PlatformSecrets;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replicas share one signing key ring through sealed platform secrets. */
@RealServices
class SharedSigningKeysIT {

  private static final Duration RETENTION = Duration.ofHours(1);
  private static AuthTestTenancy tenancy;
  private static MasterKeyring master;

  @BeforeAll
  static void start(TestDatabase db) {
    tenancy = AuthTestTenancy.start(db);
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    master = MasterKeyring.of(key);
  }

  @AfterAll
  static void stop() {
    tenancy.close();
  }

  private static PlatformSecrets secrets(MasterKeyring keyring) {
    return new PlatformSecrets(tenancy.database, keyring, Clock.systemUTC());
  }

  @Test
  void concurrent_first_starts_agree_on_one_ring_and_a_rotation_reaches_the_other_replica() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<SharedSigningKeys>> starts =
          IntStream.range(0, 6).mapToObj(i -> (Callable<SharedSigningKeys>) () -> SharedSigningKeys.open(secrets(master), RETENTION, Clock.systemUTC())).toList();
      List<SharedSigningKeys> replicas = pool.invokeAll(starts).stream().map(SharedSigningKeysIT::get).toList();
      Set<String> activeIds = replicas.stream().map(r -> r.ring().active().keyId()).collect(Collectors.toSet());
      assertThat(activeIds).hasSize(1);

      SharedSigningKeys a = replicas.get(0);
      SharedSigningKeys b = replicas.get(1);
      String before = a.ring().active().keyId();
      SigningKey rotated = a.rotate();

      assertThat(rotated.keyId()).isNotEqualTo(before);
      assertThat(b.ring().active().keyId()).isEqualTo(before);
      assertThat(b.refresh()).isTrue();
      assertThat(b.ring().active().keyId()).isEqualTo(rotated.keyId());
      assertThat(b.ring().find(before)).hasValueSatisfying(k -> assertThat(k.retiredAt()).isPresent());
      assertThat(b.refresh()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_ring_is_stored_sealed_and_a_wrong_master_key_cannot_open_it() throws Exception {
    SharedSigningKeys.open(secrets(master), RETENTION, Clock.systemUTC());
    try (Connection c = tenancy.database.appDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select ciphertext from bizo_platform_secret where name = 'auth.signing-keys'")) {
      assertThat(rs.next()).isTrue();
      String stored = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
      assertThat(stored).doesNotContain("\"kty\"").doesNotContain("P-256");
      c.rollback();
    }
    byte[] other = new byte[32];
    Arrays.fill(other, (byte) 9);
    assertThatThrownBy(() -> SharedSigningKeys.open(secrets(MasterKeyring.of(other)), RETENTION, Clock.systemUTC()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.code()).isEqualTo("tenancy.master_key_unknown"));
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
