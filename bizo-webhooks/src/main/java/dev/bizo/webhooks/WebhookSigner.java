package dev.bizo.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs messages: {@code v1,} + base64(HMAC-SHA256(secret, id + "." + timestamp + "." + body)).
 */
public final class WebhookSigner {

  private WebhookSigner() {}

  /**
   * Signs one attempt of a message.
   *
   * @param secret the endpoint's secret
   * @param messageId the message id
   * @param at the attempt time (whole seconds are signed)
   * @param body the exact body bytes sent
   * @return the headers
   */
  public static StandardWebhookHeaders sign(WebhookSecret secret, String messageId, Instant at, byte[] body) {
    long timestamp = at.getEpochSecond();
    byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
      mac.update(prefix);
      mac.update(body);
      return new StandardWebhookHeaders(messageId, timestamp, "v1," + Base64.getEncoder().encodeToString(mac.doFinal()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
