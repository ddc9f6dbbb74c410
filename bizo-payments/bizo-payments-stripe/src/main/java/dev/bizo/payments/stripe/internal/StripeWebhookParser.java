package dev.bizo.payments.stripe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a verified Stripe Event with Jackson rather than stripe-java's model, so an event whose API version
 * differs from the SDK's pinned one still parses; only the fields the platform acts on are read.
 */
public final class StripeWebhookParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StripeWebhookParser() {}

  /**
   * The normalized event of a verified body.
   *
   * @throws WebhookRejectedException {@code webhook.malformed} when it is not a Stripe event
   */
  public static WebhookEvent parse(byte[] verifiedBody) {
    JsonNode event;
    try {
      event = JSON.readTree(verifiedBody);
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("not JSON");
    }
    if (event == null || !event.path("object").asText().equals("event") || event.path("id").asText().isBlank()) {
      throw WebhookRejectedException.malformed("not a Stripe event");
    }
    String type = event.path("type").asText("");
    JsonNode object = event.path("data").path("object");
    WebhookEventType normalized = normalize(type, object.path("status").asText(""));
    Optional<String> reference;
    Optional<Money> amount;
    if (type.startsWith("charge.")) {
      reference = text(object, "payment_intent").or(() -> text(object, "id"));
      amount = amount(object, normalized == WebhookEventType.PAYMENT_REFUNDED ? "amount_refunded" : "amount", object);
    } else {
      reference = text(object, "id");
      String field = switch (normalized) {
        case PAYMENT_CAPTURED -> "amount_received";
        case PAYMENT_AUTHORIZED -> "amount_capturable";
        default -> "amount";
      };
      amount = amount(object, field, object);
    }
    return new WebhookEvent(event.path("id").asText(), normalized, type, reference, amount,
        Instant.ofEpochSecond(event.path("created").asLong()));
  }

  private static WebhookEventType normalize(String type, String status) {
    return switch (type) {
      case "payment_intent.succeeded", "charge.captured" -> WebhookEventType.PAYMENT_CAPTURED;
      case "payment_intent.amount_capturable_updated" -> WebhookEventType.PAYMENT_AUTHORIZED;
      case "payment_intent.payment_failed", "charge.failed" -> WebhookEventType.PAYMENT_FAILED;
      case "payment_intent.canceled" -> WebhookEventType.PAYMENT_VOIDED;
      case "charge.refunded" -> WebhookEventType.PAYMENT_REFUNDED;
      case "refund.updated", "refund.created" -> "succeeded".equals(status) ? WebhookEventType.PAYMENT_REFUNDED
          : WebhookEventType.OTHER;
      default -> WebhookEventType.OTHER;
    };
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static Optional<Money> amount(JsonNode object, String field, JsonNode currencyHolder) {
    JsonNode value = object.path(field);
    String currency = currencyHolder.path("currency").asText("");
    if (!value.canConvertToLong() || currency.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StripeAmounts.fromStripe(value.asLong(), currency));
    } catch (UnsupportedFeatureException | ValidationException e) {
      // the event still proposes a state change; the platform re-fetches the amount through fetchStatus
      return Optional.empty();
    }
  }
}
