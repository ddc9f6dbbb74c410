package dev.bizo.tenancy.auth;

import dev.bizo.core.NonRetriableException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.auth.spi.AuthAuditSink;
import dev.bizo.tenancy.auth.spi.CredentialStore;
import dev.bizo.tenancy.auth.spi.UserCredentials;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The login flow and credential checks a server calls: password login, token refresh, logout, access
 * token and API key authentication, API key management and password changes.
 *
 * <p>Every refused login throws the same {@link AuthenticationException#invalidCredentials()} — same
 * type, code and message — whether the tenant or user is unknown, the password wrong, the user
 * disabled or the account locked by the {@link LoginThrottle}; the password hash is computed in each
 * case so timing does not tell them apart either. Only a blocked client address gets its own
 * retriable {@code auth.too_many_attempts} error, which says nothing about any account.
 *
 * <pre>{@code
 * SigningKeyRing keys = SigningKeyRing.generate(AuthSettings.accessTokens(config).retiredKeyRetention(), clock);
 * AuthService auth = AuthService.builder()
 *     .tenancy(tenants, users, auditLog)                        // credentials and audit on tenancy's tables
 *     .fromConfig(config, database.transactions(), keys, clock)  // everything else from BIZO_AUTH_* settings
 *     .build();
 * TokenPair tokens = auth.login(new LoginRequest("acme", "ann@acme.test", password, remoteAddress));
 * AuthPrincipal who = auth.authenticate(bearerToken);
 * }</pre>
 *
 * <p>Each part can also be set on its own ({@link Builder#credentials}, {@link Builder#passwords},
 * {@link Builder#accessTokens}, ...), e.g. to plug in another {@link CredentialStore}. Close the service
 * to release a Redis connection held by its throttle.
 */
public final class AuthService implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuthService.class);

  /** Longer passwords are refused without hashing; no policy accepts them anyway. */
  private static final int MAX_PRESENTED_PASSWORD = 1024;

  /** Code of the error for a client address that failed too often. */
  public static final String TOO_MANY_ATTEMPTS = "auth.too_many_attempts";

  private final CredentialStore credentials;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;
  private final ApiKeys apiKeys;
  private final LoginThrottle throttle;
  private final AuthAuditSink audit;
  private final Clock clock;
  private final String decoyHash;

  private AuthService(Builder b) {
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
    this.hasher = Objects.requireNonNull(b.hasher, "passwords");
    this.policy = Objects.requireNonNull(b.policy, "passwords");
    this.accessTokens = Objects.requireNonNull(b.accessTokens, "accessTokens");
    this.refreshTokens = Objects.requireNonNull(b.refreshTokens, "refreshTokens");
    this.apiKeys = Objects.requireNonNull(b.apiKeys, "apiKeys");
    this.throttle = Objects.requireNonNull(b.throttle, "throttle");
    this.audit = Objects.requireNonNull(b.audit, "audit");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    // Verified against when there is no real hash to check, so every refusal costs the same. Random bytes in
    // the hash's format cost the same to verify as a real hash and nothing to make (an Argon2 run at each start).
    this.decoyHash = hasher.decoy();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Logs a user in with tenant slug, e-mail and password.
   *
   * @return a new access token and the first refresh token of a new session
   * @throws AuthenticationException {@link AuthenticationException#invalidCredentials()} for every
   *     refusal concerning the account
   * @throws RetriableException with code {@value #TOO_MANY_ATTEMPTS} when the client address is
   *     blocked
   */
  public TokenPair login(LoginRequest request) {
    Objects.requireNonNull(request, "request");
    if (throttle.isAddressBlocked(request.clientAddress())) {
      record(AuthEvent.Type.LOGIN_ADDRESS_BLOCKED, Optional.empty(), request.email(), request, "address over its failure limit");
      throw new RetriableException(TOO_MANY_ATTEMPTS, "Too many failed logins from this address; try again later");
    }
    boolean locked = throttle.isAccountLocked(request.tenantSlug(), request.email());
    Optional<TenantId> tenant = credentials.findTenant(request.tenantSlug().strip());
    Optional<UserCredentials> user = tenant.flatMap(t -> credentials.findByEmail(t, request.email().strip()));
    String failure;
    if (request.password().length() > MAX_PRESENTED_PASSWORD) {
      failure = "password longer than " + MAX_PRESENTED_PASSWORD;
    } else if (user.isEmpty()) {
      hasher.verify(request.password(), decoyHash);
      failure = "unknown tenant or user";
    } else if (locked) {
      hasher.verify(request.password(), decoyHash);
      failure = "account locked";
    } else if (!user.get().canLogIn()) {
      hasher.verify(request.password(), decoyHash);
      failure = user.get().active() ? "no password set" : "user or tenant inactive";
    } else {
      failure = checkStoredPassword(request.password(), user.get());
    }
    if (failure != null) {
      throttle.recordFailure(request.tenantSlug(), request.email(), request.clientAddress());
      record(AuthEvent.Type.LOGIN_FAILED, tenant, request.email(), request, failure);
      throw AuthenticationException.invalidCredentials();
    }
    UserCredentials found = user.get();
    throttle.recordSuccess(request.tenantSlug(), request.email());
    if (hasher.needsRehash(found.passwordHash().orElseThrow())) {
      credentials.updatePasswordHash(found.tenant(), found.userId(), hasher.hash(request.password()));
    }
    TokenPair tokens = issue(found);
    record(AuthEvent.Type.LOGIN_SUCCEEDED, Optional.of(found.tenant()), found.userId().toString(), request, "password");
    return tokens;
  }

  /**
   * Exchanges a refresh token for a new pair; the user's roles are read again.
   *
   * @throws AuthenticationException with code {@link AuthenticationException#INVALID_REFRESH_TOKEN}
   *     when the token is unusable, was reused (its session is then revoked), or its user is gone or
   *     inactive
   */
  public TokenPair refresh(String refreshToken) {
    RefreshToken next = refreshTokens.rotate(refreshToken);
    Optional<UserCredentials> user = credentials.findById(next.tenant(), next.userId());
    if (user.isEmpty() || !user.get().active()) {
      refreshTokens.revokeFamily(next.value());
      throw new AuthenticationException(AuthenticationException.INVALID_REFRESH_TOKEN, "Invalid refresh token: user inactive");
    }
    AccessToken access = accessTokens.issue(next.tenant(), next.userId().toString(), user.get().roles());
    return new TokenPair(access, next);
  }

  /**
   * Ends the session of a refresh token by revoking its whole family. Access tokens already issued
   * stay valid until they expire (at most 15 minutes).
   *
   * @return whether a session was found
   */
  public boolean logout(String refreshToken) {
    Optional<TenantId> tenant = RefreshTokens.tenantOf(refreshToken);
    boolean revoked = refreshTokens.revokeFamily(refreshToken);
    if (revoked) {
      audit.record(new AuthEvent(AuthEvent.Type.LOGGED_OUT, clock.instant(), tenant, "refresh-token-family", Optional.empty(), "logout"));
    }
    return revoked;
  }

  /**
   * Authenticates a bearer access token.
   *
   * @throws AuthenticationException with code {@link AuthenticationException#INVALID_TOKEN} or
   *     {@link AuthenticationException#TOKEN_EXPIRED}
   */
  public AuthPrincipal authenticate(String accessToken) {
    return AuthPrincipal.of(accessTokens.verify(accessToken));
  }

  /**
   * Authenticates a bearer access token that must belong to {@code expectedTenant}, e.g. the tenant
   * named by the request path.
   */
  public AuthPrincipal authenticate(String accessToken, TenantId expectedTenant) {
    return AuthPrincipal.of(accessTokens.verify(accessToken, expectedTenant));
  }

  /**
   * Authenticates an API key.
   *
   * @throws AuthenticationException with code {@link AuthenticationException#INVALID_API_KEY}
   */
  public AuthPrincipal authenticateApiKey(String apiKey) {
    return apiKeys.authenticate(apiKey);
  }

  /** Creates an API key and audits it; the secret is in the result only. */
  public IssuedApiKey createApiKey(TenantId tenant, NewApiKey request) {
    IssuedApiKey issued = apiKeys.create(tenant, request);
    audit.record(new AuthEvent(AuthEvent.Type.API_KEY_CREATED, clock.instant(), Optional.of(tenant),
        request.createdBy().orElse("unknown"), Optional.empty(), "key " + issued.key().keyId() + " scopes " + issued.key().scopes()));
    return issued;
  }

  /**
   * Revokes an API key and audits it.
   *
   * @param actor who revokes it (a user id)
   */
  public ApiKey revokeApiKey(TenantId tenant, String keyId, String actor) {
    ApiKey revoked = apiKeys.revoke(tenant, keyId);
    audit.record(new AuthEvent(AuthEvent.Type.API_KEY_REVOKED, clock.instant(), Optional.of(tenant), actor, Optional.empty(), "key " + keyId));
    return revoked;
  }

  /**
   * Checks a new password against the policy and returns its hash, e.g. for signup.
   *
   * @throws dev.bizo.core.ValidationException when the policy refuses it
   */
  public String hashNewPassword(String password) {
    policy.check(password);
    return hasher.hash(password);
  }

  /**
   * Changes a user's password after checking the current one, and revokes all of the user's sessions.
   *
   * @throws AuthenticationException {@link AuthenticationException#invalidCredentials()} when the
   *     current password is wrong or the user unknown
   * @throws dev.bizo.core.ValidationException when the policy refuses the new password
   */
  public void changePassword(TenantId tenant, UUID userId, String currentPassword, String newPassword) {
    changePassword(tenant, userId, currentPassword, newPassword, Optional.empty());
  }

  /**
   * Changes a user's password after checking the current one, and revokes the user's other sessions: every one
   * but the session of {@code sessionToKeep} (a refresh token of the user's, the one the change is made from),
   * when it is live. Without it, every session is revoked. Access tokens already issued live out their short
   * lifetime.
   *
   * @throws AuthenticationException {@link AuthenticationException#invalidCredentials()} when the
   *     current password is wrong or the user unknown
   * @throws dev.bizo.core.ValidationException when the policy refuses the new password
   */
  public void changePassword(TenantId tenant, UUID userId, String currentPassword, String newPassword, Optional<String> sessionToKeep) {
    Objects.requireNonNull(sessionToKeep, "sessionToKeep");
    UserCredentials user = credentials.findById(tenant, userId).filter(UserCredentials::canLogIn).orElse(null);
    boolean ok;
    if (user == null) {
      hasher.verify(currentPassword, decoyHash);
      ok = false;
    } else {
      ok = hasher.verify(currentPassword, user.passwordHash().orElseThrow());
    }
    if (!ok) {
      throw AuthenticationException.invalidCredentials();
    }
    String hash = hashNewPassword(newPassword);
    credentials.updatePasswordHash(tenant, userId, hash);
    int revoked = sessionToKeep.isPresent()
        ? refreshTokens.revokeAllOfUserExcept(tenant, userId, sessionToKeep.get())
        : refreshTokens.revokeAllOfUser(tenant, userId);
    audit.record(new AuthEvent(AuthEvent.Type.PASSWORD_CHANGED, clock.instant(), Optional.of(tenant), userId.toString(),
        Optional.empty(), revoked + " sessions revoked"));
  }

  /** The JWKS document to publish, e.g. at {@code /.well-known/jwks.json}. */
  public String jwksJson() {
    return accessTokens.jwksJson();
  }

  /** Null when the password matches; otherwise why not. A corrupt stored hash refuses like a wrong password. */
  private String checkStoredPassword(String password, UserCredentials user) {
    try {
      return hasher.verify(password, user.passwordHash().orElseThrow()) ? null : "wrong password";
    } catch (NonRetriableException e) {
      if (!PasswordHasher.BAD_HASH.equals(e.code())) {
        throw e;
      }
      LOG.error("Stored password hash of user {} in tenant {} is unreadable; the user cannot log in until it is reset",
          user.userId(), user.tenant(), e);
      return "stored password hash unreadable";
    }
  }

  private TokenPair issue(UserCredentials user) {
    AccessToken access = accessTokens.issue(user.tenant(), user.userId().toString(), user.roles());
    RefreshToken refresh = refreshTokens.issue(user.tenant(), user.userId());
    return new TokenPair(access, refresh);
  }

  private void record(AuthEvent.Type type, Optional<TenantId> tenant, String actor, LoginRequest request, String detail) {
    audit.record(new AuthEvent(type, clock.instant(), tenant, actor, Optional.of(request.clientAddress()),
        "tenant slug " + request.tenantSlug() + ": " + detail));
  }

  /** Releases the throttle's Redis connection, if any. */
  @Override
  public void close() {
    throttle.close();
  }

  @Override
  public String toString() {
    return "AuthService[" + accessTokens + ", " + throttle + "]";
  }

  /** Assembles an {@link AuthService}; every part except {@link #audit(AuthAuditSink)} and {@link #clock(Clock)} is required. */
  public static final class Builder {
    private CredentialStore credentials;
    private PasswordHasher hasher;
    private PasswordPolicy policy;
    private AccessTokens accessTokens;
    private RefreshTokens refreshTokens;
    private ApiKeys apiKeys;
    private LoginThrottle throttle;
    private AuthAuditSink audit = AuthAuditSink.logging();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Users from tenancy's tables ({@link TenancyCredentialStore}) and events into each tenant's audit
     * log ({@link TenancyAuditSink}).
     */
    public Builder tenancy(Tenants tenants, Users users, AuditLog auditLog) {
      this.credentials = new TenancyCredentialStore(tenants, users);
      this.audit = new TenancyAuditSink(auditLog);
      return this;
    }

    /**
     * Password hashing and policy, access and refresh tokens, API keys and login throttling (Redis when
     * {@code BIZO_REDIS_URL} is set), all from the {@link AuthSettings} in {@code config}. Call after
     * {@link #audit(AuthAuditSink)} or {@link #tenancy} so refresh-token reuse is audited.
     *
     * @param transactions tenancy's transaction API, for refresh tokens and API keys
     * @param keys the signing keys of access tokens
     * @param serviceClock the time source of every part
     * @throws dev.bizo.core.ConfigurationException when a setting is missing or out of range
     */
    public Builder fromConfig(BizoConfig config, Transactions transactions, SigningKeyRing keys, Clock serviceClock) {
      PasswordHasher passwordHasher = new PasswordHasher(AuthSettings.argon2(config));
      passwords(passwordHasher, AuthSettings.passwordPolicy(config));
      accessTokens(new AccessTokens(keys, AuthSettings.accessTokens(config), serviceClock));
      refreshTokens(new RefreshTokens(transactions, AuthSettings.refreshTokenLifetime(config), serviceClock, audit));
      apiKeys(new ApiKeys(transactions, serviceClock));
      throttle(LoginThrottle.fromConfig(config, AuthSettings.throttle(config), serviceClock));
      clock(serviceClock);
      return this;
    }

    /** Where users are looked up. */
    public Builder credentials(CredentialStore store) {
      this.credentials = store;
      return this;
    }

    /** How passwords are hashed and which new passwords are accepted. */
    public Builder passwords(PasswordHasher passwordHasher, PasswordPolicy passwordPolicy) {
      this.hasher = passwordHasher;
      this.policy = passwordPolicy;
      return this;
    }

    public Builder accessTokens(AccessTokens tokens) {
      this.accessTokens = tokens;
      return this;
    }

    public Builder refreshTokens(RefreshTokens tokens) {
      this.refreshTokens = tokens;
      return this;
    }

    public Builder apiKeys(ApiKeys keys) {
      this.apiKeys = keys;
      return this;
    }

    public Builder throttle(LoginThrottle loginThrottle) {
      this.throttle = loginThrottle;
      return this;
    }

    /** Where security events go; logs them by default. */
    public Builder audit(AuthAuditSink sink) {
      this.audit = sink;
      return this;
    }

    /** Timestamps audit events; defaults to the UTC system clock. */
    public Builder clock(Clock eventClock) {
      this.clock = eventClock;
      return this;
    }

    public AuthService build() {
      return new AuthService(this);
    }
  }
}
