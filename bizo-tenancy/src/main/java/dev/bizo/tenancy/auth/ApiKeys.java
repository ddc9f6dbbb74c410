package dev.bizo.tenancy.auth;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 */
public final class ApiKeys {

  /** The prefix of live keys, recognisable by secret scanners. */
  public static final String PREFIX = "bz_live_";

  private static final int KEY_ID_LENGTH = 32 + 12;
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
  private static final String COLUMNS =
      "key_id, tenant_id, name, scopes, created_by, created_at, expires_at, last_used_at, revoked_at";

  private final Transactions tx;
  private final Clock clock;

  /** @param transactions tenancy's transaction API, from {@code TenancyDatabase.transactions()} */
  public ApiKeys(Transactions transactions, Clock clock) {
    this.tx = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates a key; the returned {@link IssuedApiKey#secretKey()} is the only copy of the secret. */
  public IssuedApiKey create(TenantId tenant, NewApiKey request) {
    Objects.requireNonNull(request, "request");
    String keyId = OpaqueTokens.tenantHex(tenant) + OpaqueTokens.randomHex(6);
    String secretKey = PREFIX + keyId + "_" + OpaqueTokens.newSecret();
    Instant now = clock.instant();
    ApiKey key = new ApiKey(keyId, tenant, request.name(), request.scopes(), request.createdBy(), now,
        request.expiresAt(), Optional.empty(), Optional.empty());
    tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "insert into auth_api_key (key_id, tenant_id, name, secret_hash, scopes, created_by, created_at, expires_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, keyId);
        ps.setObject(2, tenant.value());
        ps.setString(3, request.name());
        ps.setBytes(4, OpaqueTokens.sha256(secretKey));
        ps.setArray(5, c.createArrayOf("text", request.scopes().stream().map(ApiKeyScope::value).sorted().toArray()));
        ps.setString(6, request.createdBy().orElse(null));
        ps.setTimestamp(7, Timestamp.from(now));
        ps.setTimestamp(8, request.expiresAt().map(Timestamp::from).orElse(null));
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
   * Revokes a key at once; revoking a revoked key keeps its first revocation time.
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
    return find(tenant, keyId).orElseThrow(() -> NotFoundException.of("api_key", keyId));
  }

  /**
   * Authenticates a presented key and records its use.
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
    Optional<ApiKey> found = tx.inTenantJdbc(tenant, c -> {
      byte[] storedHash;
      ApiKey key;
      try (PreparedStatement ps = c.prepareStatement("select secret_hash, " + COLUMNS + " from auth_api_key where key_id = ?")) {
        ps.setString(1, keyId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<ApiKey>empty();
          }
          storedHash = rs.getBytes("secret_hash");
          key = read(rs);
        }
      }
      if (!MessageDigest.isEqual(storedHash, presentedHash) || !key.isActive(now)) {
        return Optional.<ApiKey>empty();
      }
      touch(c, keyId, now);
      return Optional.of(key);
    });
    ApiKey key = found.orElseThrow(ApiKeys::invalid);
    return new AuthPrincipal(AuthPrincipal.Kind.API_KEY, tenant, key.keyId(), Set.of(), key.scopes());
  }

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
        instant(rs, "revoked_at"));
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
