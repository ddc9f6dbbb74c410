package dev.bizo.payments.paypal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a verified PayPal webhook event (v1 notifications envelope around a Payments v2 or Orders v2
 * resource) into the SPI's normalized {@link WebhookEvent}; the resource id is the reference the gateway
 * operations return (authorization, capture or refund id, or the order id for {@code CHECKOUT.*}).
 */
public final class PayPalWebhookParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, WebhookEventType> TYPES = Map.of(
      "PAYMENT.AUTHORIZATION.CREATED", WebhookEventType.PAYMENT_AUTHORIZED,
      "PAYMENT.AUTHORIZATION.VOIDED", WebhookEventType.PAYMENT_VOIDED,
      "PAYMENT.CAPTURE.COMPLETED", WebhookEventType.PAYMENT_CAPTURED,
      "PAYMENT.CAPTURE.DENIED", WebhookEventType.PAYMENT_FAILED,
      "PAYMENT.CAPTURE.DECLINED", WebhookEventType.PAYMENT_FAILED,
      "PAYMENT.CAPTURE.REFUNDED", WebhookEventType.PAYMENT_REFUNDED);

  private PayPalWebhookParser() {}

  /** Whether the bytes are a JSON object at all; PayPal signs nothing else. */
  public static boolean isJsonObject(byte[] body) {
    try {
      return JSON.readTree(body) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Parses a verified body.
   *
   * @throws WebhookRejectedException {@code webhook.malformed} when the envelope lacks its id, type or time
   */
  public static WebhookEvent parse(byte[] body) {
    JsonNode event;
    try {
      event = JSON.readTree(body);
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("not JSON");
    }
    String id = text(event, "id").orElseThrow(() -> WebhookRejectedException.malformed("no event id"));
    String type = text(event, "event_type").orElseThrow(() -> WebhookRejectedException.malformed("no event_type"));
    Instant occurredAt = text(event, "create_time").map(PayPalWebhookParser::instant)
        .orElseThrow(() -> WebhookRejectedException.malformed("no create_time"));
    JsonNode resource = event.path("resource");
    Optional<String> reference = text(resource, "id");
    Optional<Money> amount = amount(resource.path("amount"));
    return new WebhookEvent(id, TYPES.getOrDefault(type, WebhookEventType.OTHER), type, reference, amount, occurredAt);
  }

  /**
   * Reads PayPal's ISO 8601 timestamps, with or without an offset.
   *
   * @throws WebhookRejectedException {@code webhook.malformed} when unreadable
   */
  public static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        throw WebhookRejectedException.malformed("unreadable time");
      }
    }
  }

  private static Optional<Money> amount(JsonNode amount) {
    Optional<String> value = text(amount, "value");
    Optional<String> currency = text(amount, "currency_code");
    if (value.isEmpty() || currency.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PayPalAmounts.fromPayPal(value.get(), currency.get()));
    } catch (ValidationException | IllegalArgumentException e) {
      throw WebhookRejectedException.malformed("unreadable amount");
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }
}
