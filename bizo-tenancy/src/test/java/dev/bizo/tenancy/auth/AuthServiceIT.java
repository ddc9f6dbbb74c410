package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.AuditEntry;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.SignupResult;
import dev.bizo.tenancy.TenantStatus;
import dev.bizo.tenancy.User;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole login flow on tenancy's real tables, transaction API and audit log. */
@RealServices
class AuthServiceIT {

  static final String PASSWORD = "correct horse battery staple";
  static final String EMAIL = "ann@acme.test";
  static final String ADDRESS = "192.0.2.10";

  private static AuthTestTenancy tenancy;

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final PasswordHasher hasher = new PasswordHasher(PasswordHasherTest.FAST);
  private final AccessTokenSettings tokenSettings = AccessTokenSettings.of("https://auth.bizo.test");
  private final AccessTokens accessTokens =
      new AccessTokens(SigningKeyRing.generate(tokenSettings.retiredKeyRetention(), clock), tokenSettings, clock);
  private final LoginThrottle throttle = LoginThrottle.local(new ThrottleSettings(3, 10, Duration.ofMinutes(15)), clock);
  private final TenancyCredentialStore store = new TenancyCredentialStore(tenancy.tenants, tenancy.users);
  private final AuthService auth = service(hasher);

  private SignupResult acme;
  private String slug;

  @BeforeAll
  static void start(TestDatabase db) {
    tenancy = AuthTestTenancy.start(db);
  }

  @AfterAll
  static void stop() {
    assertThat(tenancy.database.tenantLeaksOnRelease()).as("connections returned with a tenant").isZero();
    tenancy.close();
  }

  @BeforeEach
  void signUpAcme() {
    acme = tenancy.signup("acme", EMAIL, auth.hashNewPassword(PASSWORD));
    slug = acme.tenant().slug();
  }

  private AuthService service(PasswordHasher passwordHasher) {
    return AuthService.builder()
        .credentials(store)
        .passwords(passwordHasher, PasswordPolicy.defaults())
        .accessTokens(accessTokens)
        .refreshTokens(new RefreshTokens(tenancy.database.transactions(), Duration.ofDays(30), clock))
        .apiKeys(new ApiKeys(tenancy.database.transactions(), clock))
        .throttle(throttle)
        .audit(new TenancyAuditSink(tenancy.audit))
        .clock(clock)
        .build();
  }

  private LoginRequest login(String tenantSlug, String email, String password) {
    return new LoginRequest(tenantSlug, email, password, ADDRESS);
  }

  private List<String> auditActions(TenantId tenant) {
    return tenancy.audit.recent(tenant, 100).stream().map(AuditEntry::action).toList();
  }

  @Test
  void logs_in_with_slug_email_and_password_and_returns_verifiable_tokens() {
    TokenPair tokens = auth.login(login(slug, "Ann@Acme.test", PASSWORD));

    AuthPrincipal principal = auth.authenticate(tokens.access().value(), acme.tenant().id());
    assertThat(principal.kind()).isEqualTo(AuthPrincipal.Kind.USER);
    assertThat(principal.subject()).isEqualTo(acme.owner().id().toString());
    assertThat(principal.roles()).containsExactly("OWNER");
    assertThat(principal.toPrincipal().roles()).containsExactly(Role.OWNER);
    assertThat(tokens.refresh().userId()).isEqualTo(acme.owner().id());
    assertThat(auditActions(acme.tenant().id())).contains("auth.login_succeeded");
  }

  @Test
  void refuses_unknown_tenant_or_user_wrong_password_no_or_corrupt_hash_suspended_tenant_and_locked_account_identically() {
    tenancy.users.add(acme.owner().principal(), "invited@acme.test", Role.MEMBER, null);
    tenancy.users.add(acme.owner().principal(), "corrupt@acme.test", Role.MEMBER, "$2a$10$not-an-argon2-hash");
    SignupResult suspended = tenancy.signup("gone", "gone@gone.test", auth.hashNewPassword(PASSWORD));
    tenancy.tenants.changeStatus(suspended.tenant().id(), TenantStatus.SUSPENDED, "platform-admin");

    List<BizoException> refusals = new ArrayList<>();
    refusals.add(refusal(login("no-such-tenant", EMAIL, PASSWORD)));
    refusals.add(refusal(login(slug, "nobody@acme.test", PASSWORD)));
    refusals.add(refusal(login(slug, EMAIL, "wrong password here")));
    refusals.add(refusal(login(slug, "invited@acme.test", PASSWORD)));
    refusals.add(refusal(login(slug, "corrupt@acme.test", PASSWORD)));
    refusals.add(refusal(login(suspended.tenant().slug(), "gone@gone.test", PASSWORD)));
    refusal(login(slug, EMAIL, "wrong password again"));
    refusal(login(slug, EMAIL, "and wrong a third time")); // now locked (limit 3)
    refusals.add(refusal(login(slug, EMAIL, PASSWORD))); // the right password, on a locked account

    BizoException wrongPassword = refusals.get(2);
    assertThat(refusals).hasSize(7).allSatisfy(e -> {
      assertThat(e).isExactlyInstanceOf(wrongPassword.getClass());
      assertThat(e.code()).isEqualTo(AuthenticationException.INVALID_CREDENTIALS).isEqualTo(wrongPassword.code());
      assertThat(e.getMessage()).isEqualTo(wrongPassword.getMessage());
      assertThat(e.isRetriable()).isEqualTo(wrongPassword.isRetriable());
      assertThat(e.getCause()).isNull();
    });
    List<AuditEntry> log = tenancy.audit.recent(acme.tenant().id(), 100);
    assertThat(log).filteredOn(a -> a.action().equals("auth.login_failed")).hasSize(7)
        .anySatisfy(a -> assertThat(a.detail()).hasValueSatisfying(d -> assertThat(d).contains("account locked")));
    assertThat(log).extracting(AuditEntry::detail).allSatisfy(d -> assertThat(d.orElse("")).doesNotContain(PASSWORD));
  }

  @Test
  void unlocks_the_account_once_failures_leave_the_window() {
    for (int i = 0; i < 3; i++) {
      refusal(login(slug, EMAIL, "wrong password " + i));
    }
    refusal(login(slug, EMAIL, PASSWORD));

    clock.advance(Duration.ofMinutes(15));

    assertThat(auth.login(login(slug, EMAIL, PASSWORD)).access().value()).isNotBlank();
  }

  @Test
  void blocks_a_client_address_that_sprays_many_accounts() {
    for (int i = 0; i < 10; i++) {
      refusal(login(slug, "user" + i + "@acme.test", "wrong password xx"));
    }

    assertThatThrownBy(() -> auth.login(login(slug, EMAIL, PASSWORD)))
        .isInstanceOf(RetriableException.class)
        .extracting(e -> ((RetriableException) e).code())
        .isEqualTo(AuthService.TOO_MANY_ATTEMPTS);
    assertThat(auth.login(new LoginRequest(slug, EMAIL, PASSWORD, "192.0.2.99")).access()).isNotNull();
  }

  @Test
  void rehashes_the_stored_password_on_login_when_argon2_parameters_changed() {
    String oldHash = storedHash(acme.owner());
    PasswordHasher stronger = new PasswordHasher(PasswordHasherTest.FAST.withMemoryKib(128).withIterations(2));

    service(stronger).login(login(slug, EMAIL, PASSWORD));

    String newHash = storedHash(acme.owner());
    assertThat(newHash).isNotEqualTo(oldHash).contains("m=128,t=2,p=1");
    assertThat(stronger.verify(PASSWORD, newHash)).isTrue();
    service(stronger).login(login(slug, EMAIL, PASSWORD));
    assertThat(storedHash(acme.owner())).isEqualTo(newHash);
  }

  @Test
  void refreshes_into_a_new_pair_and_detects_reuse_of_the_old_refresh_token() {
    TokenPair first = auth.login(login(slug, EMAIL, PASSWORD));
    clock.advance(Duration.ofMinutes(11));
    assertThatThrownBy(() -> auth.authenticate(first.access().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.TOKEN_EXPIRED);

    TokenPair second = auth.refresh(first.refresh().value());
    assertThat(auth.authenticate(second.access().value()).roles()).containsExactly("OWNER");

    assertThatThrownBy(() -> auth.refresh(first.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
    assertThatThrownBy(() -> auth.refresh(second.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
  }

  @Test
  void refresh_reads_current_roles_and_refuses_once_the_tenant_is_suspended() {
    User bob = tenancy.users.add(acme.owner().principal(), "bob@acme.test", Role.MEMBER, auth.hashNewPassword(PASSWORD));
    TokenPair pair = auth.login(login(slug, "bob@acme.test", PASSWORD));

    tenancy.users.changeRole(acme.owner().principal(), bob.id(), Role.VIEWER);
    TokenPair refreshed = auth.refresh(pair.refresh().value());
    assertThat(auth.authenticate(refreshed.access().value()).roles()).containsExactly("VIEWER");

    tenancy.tenants.changeStatus(acme.tenant().id(), TenantStatus.SUSPENDED, "platform-admin");
    assertThatThrownBy(() -> auth.refresh(refreshed.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
  }

  @Test
  void assembles_from_configuration_and_tenancy_and_audits_refresh_token_reuse() {
    BizoConfig config = BizoConfig.of(Map.of(
        "bizo.auth.issuer", "https://bizo.example",
        "bizo.auth.argon2.memory-kib", "64",
        "bizo.auth.argon2.iterations", "1",
        "bizo.auth.access-token-lifetime", "5m"));
    SigningKeyRing keys = SigningKeyRing.generate(Duration.ofMinutes(6), clock);
    try (AuthService configured = AuthService.builder()
        .tenancy(tenancy.tenants, tenancy.users, tenancy.audit)
        .fromConfig(config, tenancy.database.transactions(), keys, clock)
        .build()) {
      TokenPair first = configured.login(login(slug, EMAIL, PASSWORD));
      assertThat(first.access().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
      assertThat(first.access().keyId()).isEqualTo(keys.active().keyId());
      assertThat(configured.jwksJson()).contains(keys.active().keyId());

      configured.refresh(first.refresh().value());
      assertThatThrownBy(() -> configured.refresh(first.refresh().value())).isInstanceOf(AuthenticationException.class);

      List<AuditEntry> log = tenancy.audit.recent(acme.tenant().id(), 100);
      assertThat(log).extracting(AuditEntry::action).contains("auth.login_succeeded", "auth.refresh_token_reused");
      assertThat(log).filteredOn(a -> a.action().equals("auth.refresh_token_reused"))
          .singleElement().extracting(AuditEntry::actor).isEqualTo(acme.owner().id().toString());
    }
  }

  @Test
  void logout_revokes_the_session() {
    TokenPair pair = auth.login(login(slug, EMAIL, PASSWORD));

    assertThat(auth.logout(pair.refresh().value())).isTrue();

    assertThatThrownBy(() -> auth.refresh(pair.refresh().value())).isInstanceOf(AuthenticationException.class);
    assertThat(auditActions(acme.tenant().id())).contains("auth.logged_out");
  }

  @Test
  void creates_authenticates_and_revokes_api_keys_with_audit() {
    String owner = acme.owner().id().toString();
    IssuedApiKey issued = auth.createApiKey(acme.tenant().id(),
        NewApiKey.of("ci", Set.of(ApiKeyScope.of("crm:leads:read"))).createdBy(owner));

    AuthPrincipal machine = auth.authenticateApiKey(issued.secretKey());
    assertThat(machine.tenant()).isEqualTo(acme.tenant().id());
    assertThat(machine.hasScope(ApiKeyScope.of("crm:leads:read"))).isTrue();

    auth.revokeApiKey(acme.tenant().id(), issued.key().keyId(), owner);

    assertThatThrownBy(() -> auth.authenticateApiKey(issued.secretKey())).isInstanceOf(AuthenticationException.class);
    List<AuditEntry> log = tenancy.audit.recent(acme.tenant().id(), 100);
    assertThat(log).extracting(AuditEntry::action).contains("auth.api_key_created", "auth.api_key_revoked");
    assertThat(log).filteredOn(a -> a.action().startsWith("auth.api_key")).allSatisfy(a -> {
      assertThat(a.actor()).isEqualTo(owner);
      assertThat(a.detail().orElse("")).contains(issued.key().keyId()).doesNotContain(issued.secretKey().substring(53));
    });
  }

  @Test
  void changes_a_password_under_the_policy_and_revokes_all_sessions() {
    UUID ann = acme.owner().id();
    TokenPair session = auth.login(login(slug, EMAIL, PASSWORD));

    assertThatThrownBy(() -> auth.changePassword(acme.tenant().id(), ann, PASSWORD, "Password2024!"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> auth.changePassword(acme.tenant().id(), ann, "not my password", "a much better passphrase"))
        .isInstanceOf(AuthenticationException.class);

    auth.changePassword(acme.tenant().id(), ann, PASSWORD, "a much better passphrase");

    assertThatThrownBy(() -> auth.refresh(session.refresh().value())).isInstanceOf(AuthenticationException.class);
    assertThat(auth.login(login(slug, EMAIL, "a much better passphrase")).access()).isNotNull();
    refusal(login(slug, EMAIL, PASSWORD));
    assertThat(auditActions(acme.tenant().id())).contains("auth.password_changed");
  }

  @Test
  void a_password_change_made_in_one_session_keeps_that_session_and_revokes_the_others() {
    UUID ann = acme.owner().id();
    User bob = tenancy.users.add(acme.owner().principal(), "bob@acme.test", Role.MEMBER, auth.hashNewPassword(PASSWORD));
    TokenPair bobs = auth.login(login(slug, "bob@acme.test", PASSWORD));
    TokenPair other = auth.login(login(slug, EMAIL, PASSWORD));
    TokenPair mine = auth.refresh(auth.login(login(slug, EMAIL, PASSWORD)).refresh().value());

    auth.changePassword(acme.tenant().id(), ann, PASSWORD, "a much better passphrase", Optional.of(mine.refresh().value()));

    assertThatThrownBy(() -> auth.refresh(other.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
    assertThat(auth.refresh(mine.refresh().value()).refresh().familyId()).isEqualTo(mine.refresh().familyId());

    // another user's token keeps nothing of ann's, and their own session is untouched
    TokenPair again = auth.login(login(slug, EMAIL, "a much better passphrase"));
    auth.changePassword(acme.tenant().id(), ann, "a much better passphrase", "an even better passphrase", Optional.of(bobs.refresh().value()));
    assertThatThrownBy(() -> auth.refresh(again.refresh().value())).isInstanceOf(AuthenticationException.class);
    assertThat(auth.refresh(bobs.refresh().value()).refresh().userId()).isEqualTo(bob.id());
    assertThat(auditActions(acme.tenant().id())).contains("auth.password_changed");
  }

  @Test
  void a_disabled_or_removed_user_cannot_log_in_and_their_sessions_are_revoked() {
    User bob = tenancy.users.add(acme.owner().principal(), "bob@acme.test", Role.MEMBER, auth.hashNewPassword(PASSWORD));
    TokenPair session = auth.login(login(slug, "bob@acme.test", PASSWORD));

    tenancy.users.disable(acme.owner().principal(), bob.id());
    assertThat(liveSessionTokens(bob.id())).as("revoked with the change, before any use").isZero();
    assertThat(refusal(login(slug, "bob@acme.test", PASSWORD)).code()).isEqualTo(AuthenticationException.INVALID_CREDENTIALS);
    assertThatThrownBy(() -> auth.refresh(session.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);

    tenancy.users.enable(acme.owner().principal(), bob.id());
    TokenPair again = auth.login(login(slug, "bob@acme.test", PASSWORD));
    assertThatThrownBy(() -> auth.refresh(session.refresh().value())).as("enabling revives no old session")
        .isInstanceOf(AuthenticationException.class);

    tenancy.users.remove(acme.owner().principal(), bob.id());
    assertThat(liveSessionTokens(bob.id())).isZero();
    assertThat(refusal(login(slug, "bob@acme.test", PASSWORD)).code()).isEqualTo(AuthenticationException.INVALID_CREDENTIALS);
    assertThatThrownBy(() -> auth.refresh(again.refresh().value())).isInstanceOf(AuthenticationException.class);
  }

  private long liveSessionTokens(UUID userId) {
    return tenancy.database.transactions().inTenantJdbc(acme.tenant().id(), c -> {
      try (var ps = c.prepareStatement("select count(*) from auth_refresh_token where user_id = ? and revoked_at is null")) {
        ps.setObject(1, userId);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Test
  void never_prints_passwords_or_tokens() {
    LoginRequest request = login(slug, EMAIL, PASSWORD);
    TokenPair pair = auth.login(request);

    assertThat(request.toString()).doesNotContain(PASSWORD);
    assertThat(pair.toString()).doesNotContain(pair.access().value()).doesNotContain(pair.refresh().value());
    assertThat(store.findByEmail(acme.tenant().id(), EMAIL).orElseThrow().toString()).doesNotContain("argon2id");
    assertThat(tenancy.audit.recent(acme.tenant().id(), 100).toString())
        .doesNotContain(PASSWORD).doesNotContain(pair.refresh().value()).doesNotContain("argon2id");
  }

  private String storedHash(User user) {
    return tenancy.users.credentials(user.tenant(), user.email()).orElseThrow().passwordHash().orElseThrow();
  }

  private BizoException refusal(LoginRequest request) {
    try {
      auth.login(request);
    } catch (BizoException e) {
      return e;
    }
    throw new AssertionError("login should have been refused: " + request);
  }
}
