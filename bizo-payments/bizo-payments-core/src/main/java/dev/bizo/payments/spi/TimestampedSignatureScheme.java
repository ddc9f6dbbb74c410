package dev.bizo.payments.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The common "{@code t=<unix seconds>,v1=<hex hmac>}" webhook signature: HMAC-SHA256 over
 * {@code <t>.<raw body>}, as Stripe and the simulator send it. Several {@code v1} entries are accepted so
 * a sender can sign with an old and a new secret while a secret is rotated.
 *
 * <p>Verification checks the signature first and the timestamp second, so a rejection for staleness is
 * only ever given to a correctly signed message.
 *
 * <pre>{@code
 * TimestampedSignatureScheme scheme = new TimestampedSignatureScheme("Stripe-Signature", TimestampTolerance.fiveMinutes(clock));
 * Instant signedAt = scheme.verify(request, List.of(request.credentials().require("webhook_secret")));
 * }</pre>
 *
 * @param headerName the header carrying the signature, e.g. {@code Stripe-Signature}
 * @param tolerance how far the signed timestamp may be from now
 */
public record TimestampedSignatureScheme(String headerName, TimestampTolerance tolerance) {

  private static final String SIGNATURE_SCHEME = "v1";

  /** Validates presence. */
  public TimestampedSignatureScheme {
    Objects.requireNonNull(headerName, "headerName");
    Objects.requireNonNull(tolerance, "tolerance");
  }

  /** The header value signing {@code body} at {@code timestamp} with {@code secret}. */
  public String sign(byte[] body, String secret, Instant timestamp) {
    long seconds = timestamp.getEpochSecond();
    return "t=" + seconds + "," + SIGNATURE_SCHEME + "=" + HmacSignature.signHex(secret, signedPayload(seconds, body));
  }

  /**
   * Verifies a received webhook against any of the secrets and returns the signed timestamp.
   *
   * @param secrets the tenant's current secret, plus the previous one during a rotation
   * @throws WebhookRejectedException {@code webhook.signature_missing}, {@code webhook.signature_invalid} or
   *     {@code webhook.timestamp_out_of_tolerance}
   */
  public Instant verify(WebhookRequest request, List<String> secrets) {
    String header = request.headers().first(headerName).orElseThrow(
        () -> WebhookRejectedException.signatureMissing(headerName));
    Long seconds = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) {
        try {
          seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw WebhookRejectedException.signatureMissing(headerName);
        }
      } else if (key.equals(SIGNATURE_SCHEME)) {
        signatures.add(value);
      }
    }
    if (seconds == null || signatures.isEmpty()) {
      throw WebhookRejectedException.signatureMissing(headerName);
    }
    byte[] payload = signedPayload(seconds, request.rawBody());
    boolean matched = false;
    for (String secret : secrets) {
      for (String signature : signatures) {
        // no early exit: the time taken does not tell which secret or entry matched
        matched |= HmacSignature.matchesHex(secret, payload, signature);
      }
    }
    if (!matched) {
      throw WebhookRejectedException.signatureInvalid();
    }
    Instant signedAt = Instant.ofEpochSecond(seconds);
    tolerance.requireWithin(signedAt);
    return signedAt;
  }

  private static byte[] signedPayload(long seconds, byte[] body) {
    byte[] prefix = (seconds + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] payload = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, payload, 0, prefix.length);
    System.arraycopy(body, 0, payload, prefix.length, body.length);
    return payload;
  }
}
