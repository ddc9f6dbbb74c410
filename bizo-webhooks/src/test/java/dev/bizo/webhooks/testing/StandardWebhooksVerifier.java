package dev.bizo.webhooks.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent verifier written from the Standard Webhooks specification, sharing no code with the
 * signer: strip {@code whsec_}, base64-decode the key, HMAC-SHA256 over {@code id.timestamp.body}, compare in
 * constant time against each space-separated {@code v1,} signature, and reject timestamps outside a
 * tolerance of five minutes.
 */
public final class StandardWebhooksVerifier {

  private StandardWebhooksVerifier() {}

  /**
   * Verifies one message.
   *
   * @param secret the endpoint's {@code whsec_} secret
   * @param headers the request headers, names in lower case
   * @param body the raw body
   * @param nowSeconds the receiver's time, seconds since the epoch
   * @return whether the headers are complete, the timestamp within five minutes and one signature matches
   * @throws Exception when the secret or a signature is not valid base64, or HMAC-SHA256 is unavailable
   */
  public static boolean verify(String secret, Map<String, String> headers, String body, long nowSeconds) throws Exception {
    String id = headers.get("webhook-id");
    String timestamp = headers.get("webhook-timestamp");
    String signatures = headers.get("webhook-signature");
    if (id == null || timestamp == null || signatures == null) {
      return false;
    }
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > 300) {
      return false;
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    for (String candidate : signatures.split(" ")) {
      String[] parts = candidate.split(",", 2);
      if (parts.length == 2 && parts[0].equals("v1")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
        return true;
      }
    }
    return false;
  }
}
