package dev.bizo.tenancy.auth.internal;

import dev.bizo.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Random secrets, their SHA-256 digests and the tenant-in-token encoding. A 256-bit random secret
 * cannot be guessed, so a fast unsalted digest is the right storage form (a slow password hash would
 * only cost CPU); the tenant id travels in clear so storage can be reached under row-level security.
 */
public final class OpaqueTokens {

  /** Length of a 256-bit secret in unpadded base64url. */
  public static final int SECRET_LENGTH = 43;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private OpaqueTokens() {}

  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HEX.formatHex(b);
  }

  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** The tenant as 32 lower-case hex digits. */
  public static String tenantHex(TenantId tenant) {
    UUID u = tenant.value();
    return String.format("%016x%016x", u.getMostSignificantBits(), u.getLeastSignificantBits());
  }

  /** The tenant from 32 hex digits, if they are exactly that. */
  public static Optional<TenantId> parseTenantHex(String hex) {
    if (hex.length() != 32 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Optional.empty();
    }
    long msb = Long.parseUnsignedLong(hex.substring(0, 16), 16);
    long lsb = Long.parseUnsignedLong(hex.substring(16), 16);
    return Optional.of(new TenantId(new UUID(msb, lsb)));
  }

  public static boolean isSecret(String s) {
    return s.length() == SECRET_LENGTH && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
  }
}
