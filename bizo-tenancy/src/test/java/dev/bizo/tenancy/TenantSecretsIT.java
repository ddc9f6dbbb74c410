package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantSecretsIT {

  private static final String STRIPE_KEY = "sk_live_51Habcdefghijklmnopqrstuvwxyz0123456789WXYZ";

  private final byte[] oldKey = randomKey();
  private final byte[] newKey = randomKey();
  private TestDatabase db;
  private TenancyDatabase database;
  private Tenants tenants;
  private AuditLog audit;

  @BeforeAll
  void start(TestDatabase db) {
    this.db = db;
    database = TestTenancy.start(db);
    audit = new AuditLog(database.transactions(), Clock.systemUTC());
    tenants = new Tenants(database.transactions(), new Users(database.transactions(), audit, Clock.systemUTC()), audit, Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    assertThat(database.tenantLeaksOnRelease()).isZero();
    database.close();
  }

  private TenantSecrets secrets(MasterKeyring keyring) {
    return new TenantSecrets(database.transactions(), keyring, audit, Clock.systemUTC());
  }

  @Test
  void stored_bytes_are_not_the_plaintext_and_the_value_comes_back() throws SQLException {
    SignupResult t = tenants.signup(TestTenancy.signup("secret-bytes"));
    TenantSecrets secrets = secrets(MasterKeyring.of(oldKey));
    SecretInfo info = secrets.put(t.owner().principal(), "stripe.api_key", SecretValue.of(STRIPE_KEY));
    assertThat(info.masked()).isEqualTo("sk_live_…WXYZ");
    assertThat(secrets.find(t.tenant().id(), "stripe.api_key")).map(SecretValue::reveal).contains(STRIPE_KEY);
    byte[] stored = storedCiphertext(t.tenant().id(), "stripe.api_key");
    String asText = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain("sk_live").doesNotContain("WXYZ");
    assertThat(stored.length).isEqualTo(STRIPE_KEY.length() + 16); // GCM: same length plus the 128-bit tag
  }

  @Test
  void values_never_print_and_lists_are_masked() {
    SignupResult t = tenants.signup(TestTenancy.signup("secret-mask"));
    TenantSecrets secrets = secrets(MasterKeyring.of(oldKey));
    secrets.put(t.owner().principal(), "webhook.secret", SecretValue.of("whsec_0123456789abcdef"));
    SecretValue value = secrets.find(t.tenant().id(), "webhook.secret").orElseThrow();
    assertThat(value.toString()).doesNotContain("0123456789").contains("…cdef");
    assertThat(secrets.list(t.tenant().id()))
        .singleElement()
        .satisfies(i -> {
          assertThat(i.masked()).isEqualTo("whsec_…cdef");
          assertThat(i.toString()).doesNotContain("0123456789");
        });
    assertThat(MasterKeyring.of(oldKey).toString()).doesNotContain(Base64.getEncoder().encodeToString(oldKey));
  }

  @Test
  void rotation_re_encrypts_under_the_new_key_and_values_still_decrypt() throws SQLException {
    SignupResult a = tenants.signup(TestTenancy.signup("rotate-a"));
    SignupResult b = tenants.signup(TestTenancy.signup("rotate-b"));
    MasterKeyring before = MasterKeyring.of(oldKey);
    secrets(before).put(a.tenant().id(), "gateway.key", SecretValue.of(STRIPE_KEY));
    secrets(before).put(b.tenant().id(), "gateway.key", SecretValue.of("rzp_live_other_tenant_key_1234"));
    byte[] ciphertextBefore = storedCiphertext(a.tenant().id(), "gateway.key");

    MasterKeyring after = MasterKeyring.fromConfig(BizoConfig.of(Map.of(
        "bizo.master-key", Base64.getEncoder().encodeToString(newKey),
        "bizo.master-key-retired", Base64.getEncoder().encodeToString(oldKey))));
    assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
    assertThat(secrets(after).rotate()).isGreaterThanOrEqualTo(2);

    assertThat(secrets(after).list(a.tenant().id())).singleElement().extracting(SecretInfo::keyId).isEqualTo(after.currentKeyId());
    assertThat(storedCiphertext(a.tenant().id(), "gateway.key")).isNotEqualTo(ciphertextBefore);
    assertThat(secrets(MasterKeyring.of(newKey)).find(a.tenant().id(), "gateway.key")).map(SecretValue::reveal).contains(STRIPE_KEY);
    assertThat(secrets(MasterKeyring.of(newKey)).find(b.tenant().id(), "gateway.key"))
        .map(SecretValue::reveal)
        .contains("rzp_live_other_tenant_key_1234");
    assertThat(secrets(after).rotate()).isZero();
  }

  @Test
  void a_wrong_master_key_fails_clearly() {
    SignupResult t = tenants.signup(TestTenancy.signup("secret-wrong"));
    secrets(MasterKeyring.of(oldKey)).put(t.tenant().id(), "api.key", SecretValue.of("sk_test_wrongkeycheck_abcd"));
    assertThatThrownBy(() -> secrets(MasterKeyring.of(randomKey())).find(t.tenant().id(), "api.key"))
        .isInstanceOf(ConfigurationException.class)
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo("tenancy.master_key_unknown");
    assertThatThrownBy(() -> MasterKeyring.fromConfig(BizoConfig.of(Map.of("bizo.master-key", "c2hvcnQ="))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void a_ciphertext_moved_to_another_tenant_does_not_open() throws SQLException {
    SignupResult a = tenants.signup(TestTenancy.signup("move-a"));
    SignupResult b = tenants.signup(TestTenancy.signup("move-b"));
    TenantSecrets secrets = secrets(MasterKeyring.of(oldKey));
    secrets.put(a.tenant().id(), "same.name", SecretValue.of("sk_live_tenant_a_value_1111"));
    secrets.put(b.tenant().id(), "same.name", SecretValue.of("sk_live_tenant_b_value_2222"));
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(
            "update tenant_secret set nonce = a.nonce, ciphertext = a.ciphertext from tenant_secret a"
                + " where a.tenant_id = ? and tenant_secret.tenant_id = ? and a.name = tenant_secret.name")) {
      s.setObject(1, a.tenant().id().value());
      s.setObject(2, b.tenant().id().value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    assertThatThrownBy(() -> secrets.find(b.tenant().id(), "same.name"))
        .isInstanceOf(NonRetriableException.class)
        .extracting(e -> ((NonRetriableException) e).code())
        .isEqualTo("tenancy.secret_corrupt");
    // the tampered row would rightly stop rotation in the other tests of this class
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("delete from tenant_secret where tenant_id = ?")) {
      s.setObject(1, b.tenant().id().value());
      s.executeUpdate();
    }
  }

  @Test
  void only_principals_allowed_to_manage_secrets_can_store_them() {
    SignupResult t = tenants.signup(TestTenancy.signup("secret-perm"));
    Principal member = Principal.of(t.tenant().id(), "member-1", Role.MEMBER);
    assertThatThrownBy(() -> secrets(MasterKeyring.of(oldKey)).put(member, "x.key", SecretValue.of("sk_test_member_attempt")))
        .isInstanceOf(ForbiddenException.class);
  }

  private byte[] storedCiphertext(TenantId tenant, String name) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("select ciphertext from tenant_secret where tenant_id = ? and name = ?")) {
      s.setObject(1, tenant.value());
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
