package dev.bizo.payments.spi;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over raw bytes, with constant-time comparison, as most gateways sign their webhooks.
 *
 * <p>Always pass the bytes exactly as received: re-serializing JSON changes them and must fail.
 *
 * <pre>{@code
 * boolean ok = HmacSignature.matchesHex(secret, rawBody, request.headers().first("X-Razorpay-Signature").orElse(""));
 * }</pre>
 */
public final class HmacSignature {

  private static final String ALGORITHM = "HmacSHA256";

  private HmacSignature() {}

  /** The HMAC-SHA256 of {@code payload} under the UTF-8 bytes of {@code secret}. */
  public static byte[] sign(String secret, byte[] payload) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(payload, "payload");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException | IllegalArgumentException e) {
      // An empty secret is the only way to get here on a sane JDK.
      throw new IllegalStateException("Cannot compute HMAC-SHA256: " + e.getClass().getSimpleName(), e);
    }
  }

  /** The signature as lower-case hex. */
  public static String signHex(String secret, byte[] payload) {
    return HexFormat.of().formatHex(sign(secret, payload));
  }

  /** The signature as standard Base64. */
  public static String signBase64(String secret, byte[] payload) {
    return Base64.getEncoder().encodeToString(sign(secret, payload));
  }

  /**
   * Whether {@code providedHex} is the hex HMAC of {@code payload}. Compared in constant time; malformed
   * hex is simply a mismatch.
   */
  public static boolean matchesHex(String secret, byte[] payload, String providedHex) {
    if (providedHex == null) {
      return false;
    }
    byte[] provided;
    try {
      provided = HexFormat.of().parseHex(providedHex.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, payload), provided);
  }

  /** As {@link #matchesHex}, for a Base64 signature. */
  public static boolean matchesBase64(String secret, byte[] payload, String providedBase64) {
    if (providedBase64 == null) {
      return false;
    }
    byte[] provided;
    try {
      provided = Base64.getDecoder().decode(providedBase64.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, payload), provided);
  }
}
