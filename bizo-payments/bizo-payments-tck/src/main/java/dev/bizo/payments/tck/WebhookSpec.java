package dev.bizo.payments.tck;

import dev.bizo.core.Money;
import dev.bizo.payments.spi.WebhookEventType;
import java.time.Instant;
import java.util.Objects;

/**
 * The webhook the TCK asks {@link PaymentGatewayContractTest#signWebhook} to produce, in the gateway's own
 * format, signed as the gateway would sign it.
 *
 * @param eventId the event id the parsed {@link dev.bizo.payments.spi.WebhookEvent#eventId()} must carry
 * @param type the event type to send
 * @param gatewayReference the payment reference the event is about
 * @param amount the amount the event reports
 * @param secret the secret to sign with: the tenant's, or a wrong one in the wrong-secret test
 * @param signedAt the timestamp to sign, when the gateway's scheme has one
 */
public record WebhookSpec(
    String eventId, WebhookEventType type, String gatewayReference, Money amount, String secret, Instant signedAt) {

  /** Validates presence. */
  public WebhookSpec {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(signedAt, "signedAt");
  }
}
