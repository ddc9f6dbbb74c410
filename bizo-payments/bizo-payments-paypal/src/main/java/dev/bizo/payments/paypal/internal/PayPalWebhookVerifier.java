package dev.bizo.payments.paypal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.payments.spi.GatewaySettings;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.WebhookRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks PayPal whether a webhook is genuine, through {@code POST /v1/notifications/verify-webhook-signature}.
 * paypal-server-sdk 2.2.0 has no notifications API, hence {@code java.net.http}.
 *
 * <p>The raw body is spliced into the request verbatim as {@code webhook_event}, never parsed and
 * re-serialized: PayPal's signature covers a CRC32 of the exact bytes it sent. Only a
 * {@code verification_status} of {@code SUCCESS} accepts; {@code FAILURE} is
 * {@value WebhookRejectedException#SIGNATURE_INVALID}; an HTTP error, a timeout or an unreachable host is
 * {@value #VERIFICATION_UNAVAILABLE} (PayPal redelivers webhooks that are not acknowledged).
 */
public final class PayPalWebhookVerifier {

  /** The rejection code when PayPal could not be asked or did not answer. */
  public static final String VERIFICATION_UNAVAILABLE = "webhook.verification_unavailable";

  /** The path of PayPal's verification API. */
  public static final String PATH = "/v1/notifications/verify-webhook-signature";

  /** The five transmission headers PayPal sends with every webhook, with the verification field each fills. */
  public static final Map<String, String> HEADERS = headers();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final GatewaySettings settings;
  private final HttpClient http;

  /** A verifier for the settings' API base, with their timeouts. */
  public PayPalWebhookVerifier(GatewaySettings settings) {
    this.endpoint = URI.create(settings.apiBase().toString().replaceAll("/+$", "") + PATH);
    this.settings = settings;
    this.http = settings.newHttpClient();
  }

  private static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("PAYPAL-AUTH-ALGO", "auth_algo");
    headers.put("PAYPAL-CERT-URL", "cert_url");
    headers.put("PAYPAL-TRANSMISSION-ID", "transmission_id");
    headers.put("PAYPAL-TRANSMISSION-SIG", "transmission_sig");
    headers.put("PAYPAL-TRANSMISSION-TIME", "transmission_time");
    return java.util.Collections.unmodifiableMap(headers);
  }

  /**
   * The verification request body: the five header values and the webhook id as JSON fields, then the raw
   * body, byte for byte, as {@code webhook_event}.
   *
   * @throws WebhookRejectedException {@value WebhookRejectedException#SIGNATURE_MISSING} when a header is absent
   */
  public static byte[] requestBody(ReceivedHeaders headers, String webhookId, byte[] rawBody) {
    ObjectNode fields = JSON.createObjectNode();
    HEADERS.forEach((header, field) -> fields.put(field, headers.first(header).filter(v -> !v.isBlank())
        .orElseThrow(() -> WebhookRejectedException.signatureMissing(header))));
    fields.put("webhook_id", webhookId);
    String head;
    try {
      head = JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] prefix = (head.substring(0, head.length() - 1) + ",\"webhook_event\":").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + rawBody.length + 1];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    System.arraycopy(rawBody, 0, body, prefix.length, rawBody.length);
    body[body.length - 1] = '}';
    return body;
  }

  /**
   * Asks PayPal.
   *
   * @param accessToken an OAuth access token of the tenant's app
   * @param verificationRequest the body from {@link #requestBody}
   * @return true when PayPal answered {@code SUCCESS}; false when it refused the access token (HTTP 401),
   *     so the caller can ask again with a fresh one
   * @throws WebhookRejectedException for any other answer, or none
   */
  public boolean verify(String accessToken, byte[] verificationRequest) {
    HttpRequest request = settings.request(endpoint)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + accessToken)
        .POST(HttpRequest.BodyPublishers.ofByteArray(verificationRequest))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw unavailable("PayPal's verification API did not answer (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while asking PayPal's verification API");
    }
    if (response.statusCode() == 401) {
      return false;
    }
    if (response.statusCode() / 100 != 2) {
      throw unavailable("PayPal's verification API answered HTTP " + response.statusCode());
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw unavailable("PayPal's verification API answered something other than JSON");
    }
    String status = answer.path("verification_status").asText("");
    if (!status.equals("SUCCESS")) {
      throw WebhookRejectedException.signatureInvalid();
    }
    return true;
  }

  /** A rejection because PayPal could not vouch for the webhook. */
  public static WebhookRejectedException unavailable(String why) {
    return new WebhookRejectedException(VERIFICATION_UNAVAILABLE, "The webhook could not be verified: " + why);
  }
}
