package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServices
class RefreshTokensIT {

  private static AuthTestTenancy tenancy;
  private static TestDatabase database;

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private TenantId tenant;
  private UUID user;

  @BeforeAll
  static void start(TestDatabase db) {
    database = db;
    tenancy = AuthTestTenancy.start(db);
  }

  @AfterAll
  static void stop() {
    assertThat(tenancy.database.tenantLeaksOnRelease()).as("connections returned with a tenant").isZero();
    tenancy.close();
  }

  @BeforeEach
  void freshTenant() {
    var signup = tenancy.signup("rt", "owner@rt.test", "$argon2id$v=19$m=64,t=1,p=1$placeholder$placeholder");
    tenant = signup.tenant().id();
    user = signup.owner().id();
  }

  private RefreshTokens tokens() {
    return new RefreshTokens(tenancy.database.transactions(), Duration.ofDays(30), clock);
  }

  private UUID anotherUser(TenantId in) {
    return tenancy.users.add(dev.bizo.tenancy.Principal.of(in, "test", dev.bizo.tenancy.Role.OWNER),
        "u" + UUID.randomUUID().toString().substring(0, 6) + "@rt.test", dev.bizo.tenancy.Role.MEMBER, null).id();
  }

  @Test
  void issues_a_recognisable_opaque_token_and_stores_only_its_digest() throws Exception {
    RefreshToken token = tokens().issue(tenant, user);

    assertThat(token.value()).matches("bzrt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}");
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select token_hash, tenant_id from auth_refresh_token where family_id = '" + token.familyId() + "'")) {
      assertThat(rs.next()).isTrue();
      byte[] stored = rs.getBytes(1);
      assertThat(stored).hasSize(32);
      String secret = token.value().substring(38);
      assertThat(HexFormat.of().formatHex(stored)).doesNotContain(secret);
      assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
      assertThat(rs.getObject(2)).isEqualTo(tenant.value());
    }
  }

  @Test
  void rotates_into_a_new_token_of_the_same_family() {
    RefreshToken first = tokens().issue(tenant, user);
    clock.advance(Duration.ofMinutes(5));

    RefreshToken second = tokens().rotate(first.value());

    assertThat(second.value()).isNotEqualTo(first.value());
    assertThat(second.familyId()).isEqualTo(first.familyId());
    assertThat(second.userId()).isEqualTo(user);
    assertThat(second.tenant()).isEqualTo(tenant);
    assertThat(tokens().rotate(second.value()).familyId()).isEqualTo(first.familyId());
  }

  @Test
  void reuse_of_a_rotated_token_revokes_the_whole_family() {
    RefreshToken first = tokens().issue(tenant, user);
    RefreshToken second = tokens().rotate(first.value());
    RefreshToken otherSession = tokens().issue(tenant, user);

    assertRefused(() -> tokens().rotate(first.value())); // the copy is replayed

    assertRefused(() -> tokens().rotate(second.value())); // the legitimate successor died with it
    assertThat(tokens().rotate(otherSession.value()).userId()).isEqualTo(user); // other families live on
  }

  @Test
  void refuses_an_expired_token() {
    RefreshToken token = tokens().issue(tenant, user);
    clock.advance(Duration.ofDays(30));

    assertRefused(() -> tokens().rotate(token.value()));
  }

  @Test
  void logout_revokes_the_family() {
    RefreshToken first = tokens().issue(tenant, user);
    RefreshToken current = tokens().rotate(first.value());

    assertThat(tokens().revokeFamily(current.value())).isTrue();

    assertRefused(() -> tokens().rotate(current.value()));
    assertThat(tokens().revokeFamily("bzrt_garbage")).isFalse();
  }

  @Test
  void revokes_every_session_of_a_user() {
    RefreshToken a = tokens().issue(tenant, user);
    RefreshToken b = tokens().issue(tenant, user);
    RefreshToken stranger = tokens().issue(tenant, anotherUser(tenant));

    assertThat(tokens().revokeAllOfUser(tenant, user)).isEqualTo(2);

    assertRefused(() -> tokens().rotate(a.value()));
    assertRefused(() -> tokens().rotate(b.value()));
    assertThat(tokens().rotate(stranger.value()).familyId()).isEqualTo(stranger.familyId());
  }

  @Test
  void refuses_a_token_whose_tenant_part_was_changed() {
    RefreshToken token = tokens().issue(tenant, user);
    TenantId other = TenantId.generate();
    String otherHex = other.value().toString().replace("-", "");
    String forged = "bzrt_" + otherHex + token.value().substring(37);

    assertRefused(() -> tokens().rotate(forged));
  }

  @Test
  void refuses_malformed_and_unknown_tokens() {
    assertRefused(() -> tokens().rotate("nope"));
    String value = tokens().issue(tenant, user).value();
    String unknown = value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A");
    assertRefused(() -> tokens().rotate(unknown));
  }

  @Test
  void keeps_tokens_invisible_to_other_tenants_and_without_a_tenant() throws Exception {
    tokens().issue(tenant, user);

    try (Connection c = tenancy.database.appDataSource().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) from auth_refresh_token")) {
        rs.next();
        assertThat(rs.getLong(1)).as("no tenant set means no rows").isZero();
      }
      c.setAutoCommit(false);
      s.execute("select set_config('bizo.tenant_id', '" + TenantId.generate().value() + "', true)");
      try (ResultSet rs = s.executeQuery("select count(*) from auth_refresh_token")) {
        rs.next();
        assertThat(rs.getLong(1)).as("another tenant sees none").isZero();
      }
      c.rollback();
    }
  }

  @Test
  void purges_expired_tokens_of_one_tenant_only() {
    RefreshToken old = tokens().issue(tenant, user);
    var otherSignup = tenancy.signup("rt", "owner@rt.test", "$argon2id$v=19$m=64,t=1,p=1$placeholder$placeholder");
    TenantId other = otherSignup.tenant().id();
    RefreshToken othersOld = tokens().issue(other, otherSignup.owner().id());
    clock.advance(Duration.ofDays(30));
    RefreshToken fresh = tokens().issue(tenant, user);

    assertThat(tokens().purgeExpired(tenant)).isEqualTo(1);

    assertRefused(() -> tokens().rotate(old.value()));
    assertThat(tokens().rotate(fresh.value()).familyId()).isEqualTo(fresh.familyId());
    assertThat(tokens().purgeExpired(other)).isEqualTo(1);
    assertThat(tokens().revokeFamily(othersOld.value())).isFalse();
  }

  @Test
  void never_prints_the_token() {
    RefreshToken token = tokens().issue(tenant, user);

    assertThat(token.toString()).doesNotContain(token.value()).doesNotContain(token.value().substring(38));
  }

  private static void assertRefused(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(AuthenticationException.class)
        .extracting(e -> ((AuthenticationException) e).code())
        .isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
  }
}
