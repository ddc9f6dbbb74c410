package dev.bizo.tenancy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.auth.internal.OpaqueTokens;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * API keys for machines, in the {@code auth_api_key} table (migration V200, row-level security by
 * tenant).
 *
 * <p>A key looks like {@code bz_live_<key id>_<secret>}: the key id is the tenant id in hex plus 12
 * random hex digits, and the secret is 256 random bits in base64url. Only the SHA-256 of the whole key
 * is stored. {@link #authenticate(String)} finds the row by key id and compares digests in constant
 * time. Every refusal is the same {@link AuthenticationException} with code
 * {@link AuthenticationException#INVALID_API_KEY}. Thread-safe.
 *
 * <p><b>Verified keys are cached briefly.</b> A key that passed the database check is remembered by this
 * instance, with its stored digest, for at most {@link #DEFAULT_VERIFIED_KEY_TTL} (500 ms), so a client sending
 * the same key on every request costs one database transaction per half second instead of one per request.
 * Each cached use still compares the presented digest in constant time and checks expiry against the clock.
 * The bound is what keeps revocation immediate enough: {@link #revoke} drops the key from this instance's
 * cache at once, and every other instance (another replica over the same database) stops accepting it when
 * its entry lapses, within the TTL, well inside the promise that a key revoked on one replica is refused on
 * all within 1 s. A replica that learns of a revocation some other way (a notification channel) can call
 * {@link #forget(String)} to drop it sooner. Only accepted keys are cached; refusals always go to the
 * database. {@code last_used_at} is written on the database path, at most once a minute as before.
 */
public final class ApiKeys {

  /** The prefix of live keys, recognisable by secret scanners. */
  public static final String PREFIX = "bz_live_";

  /** How long a verified key is remembered by default: half of the 1 s revocation promise. */
  public static final Duration DEFAULT_VERIFIED_KEY_TTL = Duration.ofMillis(500);

  /** The longest allowed cache time: a revoked key must be refused by every replica within this. */
  public static final Duration MAX_VERIFIED_KEY_TTL = Duration.ofSeconds(1);

  private static final int KEY_ID_LENGTH = 32 + 12;
  private static final int MAX_CACHED_KEYS = 10_000;
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
  private static final String COLUMNS =
      "key_id, tenant_id, name, scopes, created_by, created_at, expires_at, last_used_at, revoked_at, rate_limit_per_minute";

  private final Transactions tx;
  private final Clock clock;
  private final long ttlNanos;
  private final Ticker ticker;
  /** Keys that passed the database check, by key id, with when (ticker nanos) they were read. */
  private final Cache<String, Verified> verified;

  /**
   * Keys over {@code transactions}, verified keys cached for {@link #DEFAULT_VERIFIED_KEY_TTL}.
   *
   * @param transactions tenancy's transaction API, from {@code TenancyDatabase.transactions()}
   */
  public ApiKeys(Transactions transactions, Clock clock) {
    this(transactions, clock, DEFAULT_VERIFIED_KEY_TTL);
  }

  /**
   * Keys over {@code transactions} with verified keys cached for {@code verifiedKeyTtl}.
   *
   * @param verifiedKeyTtl from zero (every use checked in the database) to {@link #MAX_VERIFIED_KEY_TTL}
   * @throws IllegalArgumentException if the TTL is negative or above {@link #MAX_VERIFIED_KEY_TTL}
   */
  public ApiKeys(Transactions transactions, Clock clock, Duration verifiedKeyTtl) {
    this(transactions, clock, verifiedKeyTtl, Ticker.systemTicker());
  }

  /** With the cache's time source given, so tests can move it. */
  ApiKeys(Transactions transactions, Clock clock, Duration verifiedKeyTtl, Ticker ticker) {
    this.tx = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(verifiedKeyTtl, "verifiedKeyTtl");
    if (verifiedKeyTtl.isNegative() || verifiedKeyTtl.compareTo(MAX_VERIFIED_KEY_TTL) > 0) {
      throw new IllegalArgumentException(
          "verifiedKeyTtl must be between 0 and " + MAX_VERIFIED_KEY_TTL + " (the revocation promise), was " + verifiedKeyTtl);
    }
    this.ttlNanos = verifiedKeyTtl.toNanos();
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.verified = Caffeine.newBuilder()
        .maximumSize(MAX_CACHED_KEYS)
        .expireAfterWrite(verifiedKeyTtl)
        .ticker(ticker)
        .build();
  }

  /** Creates a key; the returned {@link IssuedApiKey#secretKey()} is the only copy of the secret. */
  public IssuedApiKey create(TenantId tenant, NewApiKey request) {
    Objects.requireNonNull(request, "request");
    String keyId = OpaqueTokens.tenantHex(tenant) + OpaqueTokens.randomHex(6);
    String secretKey = PREFIX + keyId + "_" + OpaqueTokens.newSecret();
    Instant now = clock.instant();
    ApiKey key = new ApiKey(keyId, tenant, request.name(), request.scopes(), request.createdBy(), now,
        request.expiresAt(), Optional.empty(), Optional.empty(), request.rateLimitPerMinute());
    tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "insert into auth_api_key (key_id, tenant_id, name, secret_hash, scopes, created_by, created_at, expires_at,"
              + " rate_limit_per_minute) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, keyId);
        ps.setObject(2, tenant.value());
        ps.setString(3, request.name());
        ps.setBytes(4, OpaqueTokens.sha256(secretKey));
        ps.setArray(5, c.createArrayOf("text", request.scopes().stream().map(ApiKeyScope::value).sorted().toArray()));
        ps.setString(6, request.createdBy().orElse(null));
        ps.setTimestamp(7, Timestamp.from(now));
        ps.setTimestamp(8, request.expiresAt().map(Timestamp::from).orElse(null));
        ps.setObject(9, request.rateLimitPerMinute().isPresent() ? request.rateLimitPerMinute().getAsInt() : null, Types.INTEGER);
        return ps.executeUpdate();
      }
    });
    return new IssuedApiKey(secretKey, key);
  }

  /** Every key of the tenant, newest first, revoked ones included. */
  public List<ApiKey> list(TenantId tenant) {
    return tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from auth_api_key order by created_at desc, key_id")) {
        try (ResultSet rs = ps.executeQuery()) {
          List<ApiKey> keys = new ArrayList<>();
          while (rs.next()) {
            keys.add(read(rs));
          }
          return keys;
        }
      }
    });
  }

  /** One key of the tenant, by key id. */
  public Optional<ApiKey> find(TenantId tenant, String keyId) {
    return tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from auth_api_key where key_id = ?")) {
        ps.setString(1, keyId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  /**
   * Revokes a key at once; revoking a revoked key keeps its first revocation time. This instance refuses
   * the key from the moment this returns; other instances over the same database within their cache TTL.
   *
   * @return the key as revoked
   * @throws NotFoundException if the tenant has no such key
   */
  public ApiKey revoke(TenantId tenant, String keyId) {
    Instant now = clock.instant();
    tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "update auth_api_key set revoked_at = coalesce(revoked_at, ?) where key_id = ?")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setString(2, keyId);
        return ps.executeUpdate();
      }
    });
    verified.invalidate(keyId);
    return find(tenant, keyId).orElseThrow(() -> NotFoundException.of("api_key", keyId));
  }

  /**
   * Drops a key from this instance's cache of verified keys, so its next use is checked in the database.
   * For a replica told of a revocation made elsewhere; without it, the cache entry lapses within the TTL.
   *
   * @param keyId the key id, as in {@link ApiKey#keyId()}
   */
  public void forget(String keyId) {
    verified.invalidate(Objects.requireNonNull(keyId, "keyId"));
  }

  /**
   * Authenticates a presented key and records its use (in the database at most once a minute).
   *
   * @return the machine principal: tenant, key id as subject, and the key's scopes
   * @throws AuthenticationException if the key is malformed, unknown, wrong, expired or revoked
   */
  public AuthPrincipal authenticate(String presentedKey) {
    if (presentedKey == null || !presentedKey.startsWith(PREFIX)
        || presentedKey.length() != PREFIX.length() + KEY_ID_LENGTH + 1 + OpaqueTokens.SECRET_LENGTH
        || presentedKey.charAt(PREFIX.length() + KEY_ID_LENGTH) != '_'
        || !OpaqueTokens.isSecret(presentedKey.substring(PREFIX.length() + KEY_ID_LENGTH + 1))) {
      throw invalid();
    }
    String keyId = presentedKey.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
    if (!keyId.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
      throw invalid();
    }
    TenantId tenant = OpaqueTokens.parseTenantHex(keyId.substring(0, 32)).orElseThrow(ApiKeys::invalid);
    byte[] presentedHash = OpaqueTokens.sha256(presentedKey);
    Instant now = clock.instant();
    Verified cached = ttlNanos == 0 ? null : verified.getIfPresent(keyId);
    if (cached != null && ticker.read() - cached.readAtNanos() < ttlNanos) {
      if (!MessageDigest.isEqual(cached.storedHash(), presentedHash) || !cached.key().isActive(now)) {
        throw invalid();
      }
      return principal(tenant, cached.key());
    }
    long readAt = ticker.read();
    Optional<Verified> found = tx.inTenantJdbc(tenant, c -> {
      byte[] storedHash;
      ApiKey key;
      try (PreparedStatement ps = c.prepareStatement("select secret_hash, " + COLUMNS + " from auth_api_key where key_id = ?")) {
        ps.setString(1, keyId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<Verified>empty();
          }
          storedHash = rs.getBytes("secret_hash");
          key = read(rs);
        }
      }
      if (!MessageDigest.isEqual(storedHash, presentedHash) || !key.isActive(now)) {
        return Optional.<Verified>empty();
      }
      touch(c, keyId, now);
      return Optional.of(new Verified(storedHash, key, readAt));
    });
    Verified accepted = found.orElseThrow(ApiKeys::invalid);
    if (ttlNanos > 0) {
      verified.put(keyId, accepted);
    }
    return principal(tenant, accepted.key());
  }

  private static AuthPrincipal principal(TenantId tenant, ApiKey key) {
    return new AuthPrincipal(AuthPrincipal.Kind.API_KEY, tenant, key.keyId(), Set.of(), key.scopes(), key.rateLimitPerMinute());
  }

  /**
   * A key as the database had it when it was accepted. {@code readAtNanos} is the ticker's time taken before
   * the read, so the entry's age never understates how stale it may be.
   */
  private record Verified(byte[] storedHash, ApiKey key, long readAtNanos) {}

  private static void touch(Connection c, String keyId, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update auth_api_key set last_used_at = ? where key_id = ? and (last_used_at is null or last_used_at <= ?)")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, keyId);
      ps.setTimestamp(3, Timestamp.from(now.minus(LAST_USED_GRANULARITY)));
      ps.executeUpdate();
    }
  }

  private static ApiKey read(ResultSet rs) throws SQLException {
    Array array = rs.getArray("scopes");
    Set<ApiKeyScope> scopes = new HashSet<>();
    for (Object s : (Object[]) array.getArray()) {
      scopes.add(ApiKeyScope.of((String) s));
    }
    return new ApiKey(
        rs.getString("key_id"),
        new TenantId(rs.getObject("tenant_id", java.util.UUID.class)),
        rs.getString("name"),
        scopes,
        Optional.ofNullable(rs.getString("created_by")),
        rs.getTimestamp("created_at").toInstant(),
        instant(rs, "expires_at"),
        instant(rs, "last_used_at"),
        instant(rs, "revoked_at"),
        rateLimit(rs));
  }

  private static OptionalInt rateLimit(ResultSet rs) throws SQLException {
    int perMinute = rs.getInt("rate_limit_per_minute");
    return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(perMinute);
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  private static AuthenticationException invalid() {
    return new AuthenticationException(AuthenticationException.INVALID_API_KEY, "Invalid API key");
  }

  @Override
  public String toString() {
    return "ApiKeys";
  }
}
