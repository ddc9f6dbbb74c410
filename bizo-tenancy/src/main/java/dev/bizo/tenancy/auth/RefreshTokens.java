package dev.bizo.tenancy.auth;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.auth.internal.OpaqueTokens;
import dev.bizo.tenancy.auth.spi.AuthAuditSink;
import dev.bizo.tenancy.internal.SessionRevocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens, rotated on every use, in the {@code auth_refresh_token} table (migration
 * V200, row-level security by tenant).
 *
 * <p>A token looks like {@code bzrt_<32 hex tenant id>_<256-bit base64url secret>}; only the SHA-256 of
 * the whole token is stored. Each login starts a <em>family</em>; {@link #rotate(String)} marks the
 * presented token used and returns its successor in the same family. Presenting a used token again
 * means it was copied: the whole family is revoked, so neither the thief nor the victim can continue,
 * and the user must log in again. Every refusal is an {@link AuthenticationException} with code
 * {@link AuthenticationException#INVALID_REFRESH_TOKEN}. Thread-safe.
 */
public final class RefreshTokens {

  /** The prefix that makes refresh tokens recognisable, e.g. to secret scanners. */
  public static final String PREFIX = "bzrt_";

  /** Default lifetime of a refresh token. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);

  private final Transactions tx;
  private final Duration lifetime;
  private final Clock clock;
  private final AuthAuditSink audit;

  /**
   * @param transactions tenancy's transaction API, from {@code TenancyDatabase.transactions()}
   * @param lifetime how long each token is valid, 1 minute to 365 days
   */
  public RefreshTokens(Transactions transactions, Duration lifetime, Clock clock) {
    this(transactions, lifetime, clock, event -> { });
  }

  /**
   * Like {@link #RefreshTokens(Transactions, Duration, Clock)}, reporting each detected reuse to
   * {@code audit} as {@link AuthEvent.Type#REFRESH_TOKEN_REUSED} after the family was revoked.
   */
  public RefreshTokens(Transactions transactions, Duration lifetime, Clock clock, AuthAuditSink audit) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.tx = Objects.requireNonNull(transactions, "transactions");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("Refresh token lifetime must be 1 minute..365 days: " + lifetime);
    }
  }

  /** Starts a new family (a login session) for a user and returns its first token. */
  public RefreshToken issue(TenantId tenant, UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return tx.inTenantJdbc(tenant, c -> insert(c, tenant, userId, Ids.newUuid(), clock.instant()));
  }

  /**
   * Exchanges a token for its successor in the same family.
   *
   * @throws AuthenticationException if the token is malformed, unknown, expired or revoked; or if it
   *     was already used, in which case its whole family is revoked first
   */
  public RefreshToken rotate(String token) {
    ParsedToken parsed = parse(token);
    Instant now = clock.instant();
    Outcome outcome = tx.inTenantJdbc(parsed.tenant, c -> rotateIn(c, parsed, now));
    if (outcome.reusedBy != null) {
      audit.record(new AuthEvent(AuthEvent.Type.REFRESH_TOKEN_REUSED, now, Optional.of(parsed.tenant), outcome.reusedBy.toString(),
          Optional.empty(), "a used refresh token was presented again; its session was revoked"));
    }
    if (outcome.next == null) {
      throw invalid(outcome.reason);
    }
    return outcome.next;
  }

  /**
   * Logs out: revokes the family of {@code token}, whether or not the token itself is still usable.
   *
   * @return whether a family was found; a malformed or unknown token changes nothing
   */
  public boolean revokeFamily(String token) {
    Optional<ParsedToken> parsed = tryParse(token);
    if (parsed.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    return tx.inTenantJdbc(parsed.get().tenant, c -> {
      Optional<UUID> family = familyOf(c, parsed.get().hash);
      if (family.isPresent()) {
        revoke(c, family.get(), now);
      }
      return family.isPresent();
    });
  }

  /**
   * Revokes every session of a user, e.g. after a password change.
   *
   * @return how many unrevoked tokens were revoked
   */
  public int revokeAllOfUser(TenantId tenant, UUID userId) {
    Objects.requireNonNull(userId, "userId");
    Instant now = clock.instant();
    return tx.inTenantJdbc(tenant, c -> SessionRevocation.revokeUserSessions(c, userId, Optional.empty(), now));
  }

  /**
   * Revokes every session of a user but the one {@code keptToken} belongs to, e.g. after the user changed their
   * password in that session. The session is kept only while it is live: the token is the user's, in
   * {@code tenant}, unexpired and not revoked (it may have been rotated since; its family is what is kept).
   * Otherwise every session is revoked, as by {@link #revokeAllOfUser}.
   *
   * @return how many unrevoked tokens were revoked
   */
  public int revokeAllOfUserExcept(TenantId tenant, UUID userId, String keptToken) {
    Objects.requireNonNull(userId, "userId");
    Optional<byte[]> kept = tryParse(keptToken).filter(p -> p.tenant.equals(tenant)).map(p -> p.hash);
    Instant now = clock.instant();
    return tx.inTenantJdbc(tenant, c -> {
      Optional<UUID> family = Optional.empty();
      if (kept.isPresent()) {
        try (PreparedStatement ps = c.prepareStatement(
            "select family_id from auth_refresh_token where token_hash = ? and user_id = ? and revoked_at is null and expires_at > ?")) {
          ps.setBytes(1, kept.get());
          ps.setObject(2, userId);
          ps.setTimestamp(3, Timestamp.from(now));
          try (ResultSet rs = ps.executeQuery()) {
            family = rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
          }
        }
      }
      return SessionRevocation.revokeUserSessions(c, userId, family, now);
    });
  }

  /**
   * Deletes a tenant's expired tokens. Used and revoked tokens are kept until they expire, so a
   * replayed token is still recognised as reuse for as long as it could have been valid.
   *
   * @return how many rows were deleted
   */
  public int purgeExpired(TenantId tenant) {
    Instant now = clock.instant();
    return tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement ps = c.prepareStatement("delete from auth_refresh_token where expires_at <= ?")) {
        ps.setTimestamp(1, Timestamp.from(now));
        return ps.executeUpdate();
      }
    });
  }

  /** The tenant a well-formed token claims to belong to; says nothing about whether it is valid. */
  public static Optional<TenantId> tenantOf(String token) {
    return tryParse(token).map(p -> p.tenant);
  }

  private Outcome rotateIn(Connection c, ParsedToken parsed, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select user_id, family_id, expires_at, used_at, revoked_at from auth_refresh_token where token_hash = ? for update")) {
      ps.setBytes(1, parsed.hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Outcome.refused("unknown");
        }
        UUID userId = rs.getObject("user_id", UUID.class);
        UUID familyId = rs.getObject("family_id", UUID.class);
        Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
        boolean used = rs.getTimestamp("used_at") != null;
        boolean revoked = rs.getTimestamp("revoked_at") != null;
        if (revoked) {
          return Outcome.refused("revoked");
        }
        if (used) {
          revoke(c, familyId, now);
          return new Outcome(null, "reused; the session was revoked", userId);
        }
        if (!now.isBefore(expiresAt)) {
          return Outcome.refused("expired");
        }
        try (PreparedStatement mark = c.prepareStatement("update auth_refresh_token set used_at = ? where token_hash = ?")) {
          mark.setTimestamp(1, Timestamp.from(now));
          mark.setBytes(2, parsed.hash);
          mark.executeUpdate();
        }
        return new Outcome(insert(c, parsed.tenant, userId, familyId, now), null, null);
      }
    }
  }

  private RefreshToken insert(Connection c, TenantId tenant, UUID userId, UUID familyId, Instant now) throws SQLException {
    String value = PREFIX + OpaqueTokens.tenantHex(tenant) + "_" + OpaqueTokens.newSecret();
    Instant expiresAt = now.plus(lifetime);
    try (PreparedStatement ps = c.prepareStatement(
        "insert into auth_refresh_token (id, tenant_id, user_id, family_id, token_hash, issued_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, Ids.newUuid());
      ps.setObject(2, tenant.value());
      ps.setObject(3, userId);
      ps.setObject(4, familyId);
      ps.setBytes(5, OpaqueTokens.sha256(value));
      ps.setTimestamp(6, Timestamp.from(now));
      ps.setTimestamp(7, Timestamp.from(expiresAt));
      ps.executeUpdate();
    }
    return new RefreshToken(value, tenant, userId, familyId, expiresAt);
  }

  private static Optional<UUID> familyOf(Connection c, byte[] hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select family_id from auth_refresh_token where token_hash = ?")) {
      ps.setBytes(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  private static void revoke(Connection c, UUID familyId, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update auth_refresh_token set revoked_at = ? where family_id = ? and revoked_at is null")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setObject(2, familyId);
      ps.executeUpdate();
    }
  }

  private static ParsedToken parse(String token) {
    return tryParse(token).orElseThrow(() -> invalid("malformed"));
  }

  private static Optional<ParsedToken> tryParse(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() != PREFIX.length() + 32 + 1 + OpaqueTokens.SECRET_LENGTH) {
      return Optional.empty();
    }
    int split = PREFIX.length() + 32;
    if (token.charAt(split) != '_' || !OpaqueTokens.isSecret(token.substring(split + 1))) {
      return Optional.empty();
    }
    return OpaqueTokens.parseTenantHex(token.substring(PREFIX.length(), split))
        .map(tenant -> new ParsedToken(tenant, OpaqueTokens.sha256(token)));
  }

  private static AuthenticationException invalid(String why) {
    return new AuthenticationException(AuthenticationException.INVALID_REFRESH_TOKEN, "Invalid refresh token: " + why);
  }

  @Override
  public String toString() {
    return "RefreshTokens[lifetime=" + lifetime + "]";
  }

  private record ParsedToken(TenantId tenant, byte[] hash) {}

  private record Outcome(RefreshToken next, String reason, UUID reusedBy) {
    static Outcome refused(String reason) {
      return new Outcome(null, reason, null);
    }
  }
}
