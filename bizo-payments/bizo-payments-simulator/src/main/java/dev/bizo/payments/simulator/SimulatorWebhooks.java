package dev.bizo.payments.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.TimestampTolerance;
import dev.bizo.payments.spi.TimestampedSignatureScheme;
import dev.bizo.payments.spi.WebhookEventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The simulator's webhook format: a JSON event signed with HMAC-SHA256 over {@code <t>.<body>} in the
 * {@value SimulatorGateway#SIGNATURE_HEADER} header as {@code t=<unix seconds>,v1=<hex>}. Public so tests
 * and the reference server's demo can build events the simulator accepts.
 *
 * <pre>{@code
 * {"id":"evt_000001","type":"charge.captured","created":1767225600,
 *  "data":{"reference":"sim_ch_000001","amount_minor":1999,"currency":"EUR"}}
 * }</pre>
 */
public final class SimulatorWebhooks {

  static final ObjectMapper JSON = new ObjectMapper();

  private SimulatorWebhooks() {}

  /** The simulator's type name for a normalized event type, e.g. {@code charge.captured}. */
  public static String typeName(WebhookEventType type) {
    return switch (type) {
      case PAYMENT_AUTHORIZED -> "charge.authorized";
      case PAYMENT_CAPTURED -> "charge.captured";
      case PAYMENT_FAILED -> "charge.failed";
      case PAYMENT_VOIDED -> "charge.voided";
      case PAYMENT_REFUNDED -> "charge.refunded";
      case OTHER -> "simulator.other";
    };
  }

  static WebhookEventType typeOf(String name) {
    for (WebhookEventType type : WebhookEventType.values()) {
      if (type != WebhookEventType.OTHER && typeName(type).equals(name)) {
        return type;
      }
    }
    return WebhookEventType.OTHER;
  }

  /** The body of an event, compact JSON. */
  public static byte[] eventBody(String eventId, WebhookEventType type, String reference, Money amount, Instant created) {
    Objects.requireNonNull(eventId, "eventId");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("reference", reference);
    if (amount != null) {
      data.put("amount_minor", amount.minorUnits());
      data.put("currency", amount.currency().getCurrencyCode());
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", eventId);
    event.put("type", typeName(type));
    event.put("created", created.getEpochSecond());
    event.put("data", data);
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a simulator event", e);
    }
  }

  /** Signs a body at {@code at} with {@code secret}, as the simulator does. */
  public static SignedWebhook sign(byte[] body, String secret, Instant at) {
    String header = scheme(Clock.fixed(at, ZoneOffset.UTC)).sign(body, secret, at);
    return new SignedWebhook(body, Map.of(SimulatorGateway.SIGNATURE_HEADER, header, "Content-Type", "application/json"));
  }

  static TimestampedSignatureScheme scheme(Clock clock) {
    return new TimestampedSignatureScheme(SimulatorGateway.SIGNATURE_HEADER, TimestampTolerance.fiveMinutes(clock));
  }
}
