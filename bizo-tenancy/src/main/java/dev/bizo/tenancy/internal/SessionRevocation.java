package dev.bizo.tenancy.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Revokes a user's sessions (refresh-token families in {@code auth_refresh_token}) inside a transaction the
 * caller already holds: {@code RefreshTokens} uses it for password changes, {@code Users} in the same
 * transaction that disables or removes the user, so the change and the revocation commit together.
 */
public final class SessionRevocation {

  private SessionRevocation() {}

  /**
   * Marks every unrevoked refresh token of {@code userId} revoked, except those of {@code keptFamily}.
   *
   * @return how many tokens were revoked
   */
  public static int revokeUserSessions(Connection c, UUID userId, Optional<UUID> keptFamily, Instant now) throws SQLException {
    String sql = "update auth_refresh_token set revoked_at = ? where user_id = ? and revoked_at is null"
        + (keptFamily.isPresent() ? " and family_id <> ?" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setObject(2, userId);
      if (keptFamily.isPresent()) {
        ps.setObject(3, keptFamily.get());
      }
      return ps.executeUpdate();
    }
  }
}
