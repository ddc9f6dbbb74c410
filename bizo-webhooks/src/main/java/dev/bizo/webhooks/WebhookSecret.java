package dev.bizo.webhooks;

import dev.bizo.core.ValidationException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * An endpoint's signing secret: {@code whsec_} followed by base64 of 24 to 64 random bytes. Its
 * {@link #toString()} never reveals the key.
 */
public final class WebhookSecret {

  /** Prefix of the text form. */
  public static final String PREFIX = "whsec_";

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    if (key.length < 24 || key.length > 64) {
      throw ValidationException.ofField("secret", "webhook.secret_length", "secret must be 24 to 64 bytes");
    }
    this.key = key.clone();
  }

  /**
   * A new secret of 32 random bytes from a {@link SecureRandom}.
   *
   * @return the secret
   */
  public static WebhookSecret generate() {
    return generate(new SecureRandom());
  }

  /**
   * A new secret of 32 bytes from a given generator.
   *
   * @param random the generator (a SecureRandom outside tests)
   * @return the secret
   */
  public static WebhookSecret generate(RandomGenerator random) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) random.nextInt(256);
    }
    return new WebhookSecret(key);
  }

  /**
   * Parses the text form.
   *
   * @param text {@code whsec_} + base64
   * @return the secret
   * @throws ValidationException when the prefix or base64 is wrong
   */
  public static WebhookSecret parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw ValidationException.ofField("secret", "webhook.secret_format", "secret must start with " + PREFIX);
    }
    try {
      return new WebhookSecret(Base64.getDecoder().decode(text.substring(PREFIX.length())));
    } catch (IllegalArgumentException e) {
      throw ValidationException.ofField("secret", "webhook.secret_format", "secret is not base64 after the prefix");
    }
  }

  /**
   * The text form, to show the tenant once and store encrypted.
   *
   * @return {@code whsec_} + base64
   */
  public String encoded() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret && java.security.MessageDigest.isEqual(key, ((WebhookSecret) o).key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return PREFIX + "***";
  }
}
