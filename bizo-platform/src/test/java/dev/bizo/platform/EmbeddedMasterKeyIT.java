package dev.bizo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.SecretValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default without a master key: Bizo generates one into the data directory on first start and reads
 * it on later starts, so secrets sealed in one start open in the next; an explicit key wins over the file.
 */
class EmbeddedMasterKeyIT {

  private static final BizoConfig CONFIG = BizoConfig.of(Map.of("bizo.auth.issuer", "https://bizo.test"));
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dataDir;

  private Bizo.Builder embedded() {
    return Bizo.builder().embedded(dataDir).poolSize(2).config(CONFIG);
  }

  private static TenantId signUpWithSecret(Bizo bizo, String slug) {
    TenantId tenant = bizo.signUp(SignUp.of("Tenant " + slug, slug, "owner@" + slug + ".example", PASSWORD)).tenant().id();
    bizo.tenantSecrets().put(tenant, "payments.simulator.api-key", SecretValue.of("sk_sealed_" + slug));
    return tenant;
  }

  @Test
  void the_first_start_writes_a_key_file_only_its_owner_may_read_before_the_migrations() throws Exception {
    List<String> reached = new ArrayList<>();
    try (Bizo bizo = embedded().beforeMigrations(database -> {
      reached.add(database.owner().user() + ", embedded " + database.embedded().isPresent()
          + ", key file " + Files.exists(dataDir.resolve("master.key")));
      return List.of();
    }).start()) {
      assertThat(bizo.has(Capability.EMBEDDED_DATABASE)).isTrue();
    }

    Path key = dataDir.resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(key).strip())).hasSize(32);
    assertThat(reached).containsExactly("postgres, embedded true, key file true");
  }

  @Test
  void a_secret_sealed_in_the_first_start_opens_in_the_second_with_the_same_key_file() throws Exception {
    TenantId tenant;
    String keyId;
    try (Bizo first = embedded().start()) {
      tenant = signUpWithSecret(first, "first-start");
      keyId = first.masterKeyring().currentKeyId();
    }
    String keyFile = Files.readString(dataDir.resolve("master.key"));

    try (Bizo second = embedded().start()) {
      assertThat(second.masterKeyring().currentKeyId()).isEqualTo(keyId);
      assertThat(second.tenantSecrets().find(tenant, "payments.simulator.api-key"))
          .contains(SecretValue.of("sk_sealed_first-start"));
    }
    assertThat(Files.readString(dataDir.resolve("master.key"))).isEqualTo(keyFile);
  }

  @Test
  void an_explicit_key_writes_no_file_and_wins_over_an_existing_one() throws Exception {
    byte[] explicit = new byte[32];
    explicit[0] = 42;
    TenantId tenant;
    try (Bizo first = embedded().masterKey(MasterKeyring.of(explicit)).start()) {
      tenant = signUpWithSecret(first, "explicit-key");
    }
    Path keyFile = dataDir.resolve("master.key");
    assertThat(keyFile).doesNotExist();

    byte[] other = new byte[32];
    other[0] = 7;
    Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(other));
    try (Bizo second = embedded().masterKey(MasterKeyring.of(explicit)).start()) {
      assertThat(second.masterKeyring().currentKeyId()).isEqualTo(MasterKeyring.of(explicit).currentKeyId())
          .isNotEqualTo(MasterKeyring.of(other).currentKeyId());
      assertThat(second.tenantSecrets().find(tenant, "payments.simulator.api-key"))
          .contains(SecretValue.of("sk_sealed_explicit-key"));
    }
    assertThat(Files.readString(keyFile)).isEqualTo(Base64.getEncoder().encodeToString(other));
  }
}
