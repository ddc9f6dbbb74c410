package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.auth.spi.UserCredentials;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServices
class AuthServiceIT {

  static final String PASSWORD = "correct horse battery staple";
  static final String SLUG = "acme";
  static final String EMAIL = "ann@acme.test";
  static final String ADDRESS = "192.0.2.10";

  private static DataSource app;

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final PasswordHasher hasher = new PasswordHasher(PasswordHasherTest.FAST);
  private final InMemoryCredentialStore store = new InMemoryCredentialStore();
  private final List<AuthEvent> events = new CopyOnWriteArrayList<>();
  private final AccessTokenSettings tokenSettings = AccessTokenSettings.of("https://auth.bizo.test");
  private final AccessTokens accessTokens =
      new AccessTokens(SigningKeyRing.generate(tokenSettings.retiredKeyRetention(), clock), tokenSettings, clock);
  private final LoginThrottle throttle = LoginThrottle.local(new ThrottleSettings(3, 10, Duration.ofMinutes(15)), clock);
  private final AuthService auth = service(hasher);

  @BeforeAll
  static void migrate(TestDatabase db) throws Exception {
    app = AuthTestDatabase.migrate(db);
  }

  private AuthService service(PasswordHasher passwordHasher) {
    return AuthService.builder()
        .credentials(store)
        .passwords(passwordHasher, PasswordPolicy.defaults())
        .accessTokens(accessTokens)
        .refreshTokens(new RefreshTokens(app, Duration.ofDays(30), clock))
        .apiKeys(new ApiKeys(app, clock))
        .throttle(throttle)
        .audit(events::add)
        .clock(clock)
        .build();
  }

  private UserCredentials givenAnn() {
    return store.addUser(SLUG, EMAIL, hasher.hash(PASSWORD), Set.of("ADMIN"), true);
  }

  private static LoginRequest login(String slug, String email, String password) {
    return new LoginRequest(slug, email, password, ADDRESS);
  }

  @Test
  void logs_in_with_slug_email_and_password_and_returns_verifiable_tokens() {
    UserCredentials ann = givenAnn();

    TokenPair tokens = auth.login(login(SLUG, "Ann@Acme.test", PASSWORD));

    AuthPrincipal principal = auth.authenticate(tokens.access().value(), ann.tenant());
    assertThat(principal.kind()).isEqualTo(AuthPrincipal.Kind.USER);
    assertThat(principal.subject()).isEqualTo(ann.userId().toString());
    assertThat(principal.roles()).containsExactly("ADMIN");
    assertThat(tokens.refresh().userId()).isEqualTo(ann.userId());
    assertThat(events).extracting(AuthEvent::type).containsExactly(AuthEvent.Type.LOGIN_SUCCEEDED);
    assertThat(events.get(0).tenant()).contains(ann.tenant());
  }

  @Test
  void refuses_unknown_tenant_unknown_user_wrong_password_inactive_user_and_locked_account_identically() {
    givenAnn();
    store.addUser(SLUG, "gone@acme.test", hasher.hash(PASSWORD), Set.of("MEMBER"), false);
    store.addUser(SLUG, "invited@acme.test", null, Set.of("MEMBER"), true); // no password set yet

    List<BizoException> refusals = new ArrayList<>();
    refusals.add(refusal(login("nosuchtenant", EMAIL, PASSWORD)));
    refusals.add(refusal(login(SLUG, "nobody@acme.test", PASSWORD)));
    refusals.add(refusal(login(SLUG, EMAIL, "wrong password here")));
    refusals.add(refusal(login(SLUG, "gone@acme.test", PASSWORD)));
    refusals.add(refusal(login(SLUG, "invited@acme.test", PASSWORD)));
    refusal(login(SLUG, EMAIL, "wrong password again"));
    refusal(login(SLUG, EMAIL, "and wrong a third time")); // now locked (limit 3)
    BizoException locked = refusal(login(SLUG, EMAIL, PASSWORD)); // right password, locked account
    refusals.add(locked);

    BizoException wrongPassword = refusals.get(2);
    assertThat(refusals).allSatisfy(e -> {
      assertThat(e).isExactlyInstanceOf(wrongPassword.getClass());
      assertThat(e.code()).isEqualTo(AuthenticationException.INVALID_CREDENTIALS).isEqualTo(wrongPassword.code());
      assertThat(e.getMessage()).isEqualTo(wrongPassword.getMessage());
      assertThat(e.isRetriable()).isEqualTo(wrongPassword.isRetriable());
      assertThat(e.getCause()).isNull();
    });
    assertThat(events).filteredOn(ev -> ev.type() == AuthEvent.Type.LOGIN_FAILED).hasSize(8)
        .extracting(AuthEvent::detail).anySatisfy(d -> assertThat(d).contains("account locked"));
  }

  @Test
  void unlocks_the_account_once_failures_leave_the_window() {
    givenAnn();
    for (int i = 0; i < 3; i++) {
      refusal(login(SLUG, EMAIL, "wrong password " + i));
    }
    refusal(login(SLUG, EMAIL, PASSWORD));

    clock.advance(Duration.ofMinutes(15));

    assertThat(auth.login(login(SLUG, EMAIL, PASSWORD)).access().value()).isNotBlank();
  }

  @Test
  void blocks_a_client_address_that_sprays_many_accounts() {
    givenAnn();
    for (int i = 0; i < 10; i++) {
      refusal(login(SLUG, "user" + i + "@acme.test", "wrong password xx"));
    }

    assertThatThrownBy(() -> auth.login(login(SLUG, EMAIL, PASSWORD)))
        .isInstanceOf(RetriableException.class)
        .extracting(e -> ((RetriableException) e).code())
        .isEqualTo(AuthService.TOO_MANY_ATTEMPTS);
    assertThat(auth.login(new LoginRequest(SLUG, EMAIL, PASSWORD, "192.0.2.99")).access()).isNotNull();
  }

  @Test
  void rehashes_the_password_on_login_when_argon2_parameters_changed() {
    UserCredentials ann = givenAnn();
    String oldHash = ann.passwordHash().orElseThrow();
    PasswordHasher stronger = new PasswordHasher(PasswordHasherTest.FAST.withMemoryKib(128).withIterations(2));

    service(stronger).login(login(SLUG, EMAIL, PASSWORD));

    String newHash = store.findById(ann.tenant(), ann.userId()).orElseThrow().passwordHash().orElseThrow();
    assertThat(newHash).isNotEqualTo(oldHash).contains("m=128,t=2,p=1");
    assertThat(stronger.verify(PASSWORD, newHash)).isTrue();
    service(stronger).login(login(SLUG, EMAIL, PASSWORD));
    assertThat(store.findById(ann.tenant(), ann.userId()).orElseThrow().passwordHash()).contains(newHash);
  }

  @Test
  void refreshes_into_a_new_pair_and_detects_reuse_of_the_old_refresh_token() {
    givenAnn();
    TokenPair first = auth.login(login(SLUG, EMAIL, PASSWORD));
    clock.advance(Duration.ofMinutes(11));
    assertThatThrownBy(() -> auth.authenticate(first.access().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.TOKEN_EXPIRED);

    TokenPair second = auth.refresh(first.refresh().value());
    assertThat(auth.authenticate(second.access().value()).roles()).containsExactly("ADMIN");

    assertThatThrownBy(() -> auth.refresh(first.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
    assertThatThrownBy(() -> auth.refresh(second.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
  }

  @Test
  void refresh_reads_current_roles_and_refuses_a_deactivated_user() {
    UserCredentials ann = givenAnn();
    TokenPair pair = auth.login(login(SLUG, EMAIL, PASSWORD));

    store.replace(ann.userId(), Set.of("VIEWER"), true);
    TokenPair refreshed = auth.refresh(pair.refresh().value());
    assertThat(auth.authenticate(refreshed.access().value()).roles()).containsExactly("VIEWER");

    store.replace(ann.userId(), Set.of("VIEWER"), false);
    assertThatThrownBy(() -> auth.refresh(refreshed.refresh().value()))
        .extracting(e -> ((AuthenticationException) e).code()).isEqualTo(AuthenticationException.INVALID_REFRESH_TOKEN);
  }

  @Test
  void logout_revokes_the_session() {
    givenAnn();
    TokenPair pair = auth.login(login(SLUG, EMAIL, PASSWORD));

    assertThat(auth.logout(pair.refresh().value())).isTrue();

    assertThatThrownBy(() -> auth.refresh(pair.refresh().value())).isInstanceOf(AuthenticationException.class);
    assertThat(events).extracting(AuthEvent::type).contains(AuthEvent.Type.LOGGED_OUT);
  }

  @Test
  void creates_authenticates_and_revokes_api_keys_with_audit() {
    UserCredentials ann = givenAnn();
    IssuedApiKey issued = auth.createApiKey(ann.tenant(),
        NewApiKey.of("ci", Set.of(ApiKeyScope.of("crm:leads:read"))).createdBy(ann.userId().toString()));

    AuthPrincipal machine = auth.authenticateApiKey(issued.secretKey());
    assertThat(machine.tenant()).isEqualTo(ann.tenant());
    assertThat(machine.hasScope(ApiKeyScope.of("crm:leads:read"))).isTrue();

    auth.revokeApiKey(ann.tenant(), issued.key().keyId(), ann.userId().toString());

    assertThatThrownBy(() -> auth.authenticateApiKey(issued.secretKey())).isInstanceOf(AuthenticationException.class);
    assertThat(events).extracting(AuthEvent::type).containsSubsequence(AuthEvent.Type.API_KEY_CREATED, AuthEvent.Type.API_KEY_REVOKED);
    assertThat(events).extracting(AuthEvent::toString).noneMatch(s -> s.contains(issued.secretKey().substring(53)));
  }

  @Test
  void changes_a_password_under_the_policy_and_revokes_all_sessions() {
    UserCredentials ann = givenAnn();
    TokenPair session = auth.login(login(SLUG, EMAIL, PASSWORD));

    assertThatThrownBy(() -> auth.changePassword(ann.tenant(), ann.userId(), PASSWORD, "Password2024!"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> auth.changePassword(ann.tenant(), ann.userId(), "not my password", "a much better passphrase"))
        .isInstanceOf(AuthenticationException.class);

    auth.changePassword(ann.tenant(), ann.userId(), PASSWORD, "a much better passphrase");

    assertThatThrownBy(() -> auth.refresh(session.refresh().value())).isInstanceOf(AuthenticationException.class);
    assertThat(auth.login(login(SLUG, EMAIL, "a much better passphrase")).access()).isNotNull();
    refusal(login(SLUG, EMAIL, PASSWORD));
  }

  @Test
  void never_prints_passwords_or_tokens() {
    givenAnn();
    LoginRequest request = login(SLUG, EMAIL, PASSWORD);
    TokenPair pair = auth.login(request);

    assertThat(request.toString()).doesNotContain(PASSWORD);
    assertThat(pair.toString()).doesNotContain(pair.access().value()).doesNotContain(pair.refresh().value());
    assertThat(store.findByEmail(SLUG, EMAIL).orElseThrow().toString()).doesNotContain("argon2id");
    assertThat(events.toString()).doesNotContain(PASSWORD).doesNotContain(pair.refresh().value());
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
