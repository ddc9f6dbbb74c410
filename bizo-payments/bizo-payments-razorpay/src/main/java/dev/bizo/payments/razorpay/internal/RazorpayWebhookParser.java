package dev.bizo.payments.razorpay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.HmacSignature;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a verified Razorpay webhook. Razorpay puts the event id in the {@code X-Razorpay-Event-Id} header,
 * not the body; without it the id is a digest of the verified body, which is stable for a redelivery.
 */
public final class RazorpayWebhookParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RazorpayWebhookParser() {}

  /**
   * The normalized event.
   *
   * @throws WebhookRejectedException {@code webhook.malformed} when the body is not a Razorpay event
   */
  public static WebhookEvent parse(byte[] verifiedBody, Optional<String> eventIdHeader) {
    JsonNode event;
    try {
      event = JSON.readTree(verifiedBody);
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("not JSON");
    }
    if (event == null || !event.path("entity").asText().equals("event") || event.path("event").asText().isBlank()) {
      throw WebhookRejectedException.malformed("not a Razorpay event");
    }
    String name = event.path("event").asText();
    JsonNode payload = event.path("payload");
    JsonNode refund = payload.path("refund").path("entity");
    JsonNode payment = payload.path("payment").path("entity");
    WebhookEventType type = switch (name) {
      case "payment.authorized" -> WebhookEventType.PAYMENT_AUTHORIZED;
      case "payment.captured", "order.paid" -> WebhookEventType.PAYMENT_CAPTURED;
      case "payment.failed" -> WebhookEventType.PAYMENT_FAILED;
      case "refund.processed", "refund.created" -> WebhookEventType.PAYMENT_REFUNDED;
      default -> WebhookEventType.OTHER;
    };
    JsonNode subject = refund.isObject() && name.startsWith("refund.") ? refund : payment;
    Optional<String> reference = text(subject, "id");
    Optional<Money> amount = amount(subject);
    String eventId = eventIdHeader.filter(id -> !id.isBlank())
        .orElseGet(() -> "body_" + HmacSignature.signHex("razorpay-event", verifiedBody).substring(0, 32));
    return new WebhookEvent(eventId, type, name, reference, amount,
        Instant.ofEpochSecond(event.path("created_at").asLong()));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static Optional<Money> amount(JsonNode entity) {
    JsonNode value = entity.path("amount");
    String currency = entity.path("currency").asText("");
    if (!value.canConvertToLong() || currency.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RazorpayAmounts.fromRazorpay(value.asLong(), currency));
    } catch (UnsupportedFeatureException | ValidationException e) {
      return Optional.empty(); // the platform re-fetches the amount through fetchStatus
    }
  }
}
