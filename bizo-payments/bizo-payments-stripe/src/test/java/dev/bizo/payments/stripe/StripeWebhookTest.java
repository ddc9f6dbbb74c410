package dev.bizo.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stripe-Signature checks with headers made by stripe-java itself, including rotation and future timestamps. */
class StripeWebhookTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
  private static final String CURRENT = "whsec_current_R2d7";
  private static final String PREVIOUS = "whsec_previous_K9q1";

  private final StripeGateway gateway = StripeGateway.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  private static String payload(String eventId, long t) {
    return StripeEvents.paymentIntentSucceeded(eventId, "pi_rot", Money.of("12.00", "EUR"), t);
  }

  private WebhookEvent verify(String payload, String header, GatewayCredentials credentials) {
    return gateway.verifyAndParseWebhook(WebhookRequest.of(payload.getBytes(StandardCharsets.UTF_8),
        ReceivedHeaders.of(Map.of("Stripe-Signature", header)), credentials));
  }

  private static String v1(String secret, long t, String payload) throws Exception {
    return Webhook.Util.computeHmacSha256(secret, t + "." + payload);
  }

  @Test
  void accepts_a_header_generated_by_stripe_java() throws Exception {
    String payload = payload("evt_gen", NOW.getEpochSecond());
    String header = Webhook.Signature.generateSignatureHeader(payload, CURRENT, NOW.getEpochSecond());
    assertThat(verify(payload, header, GatewayCredentials.of(Map.of(StripeGateway.WEBHOOK_SECRET, CURRENT))).eventId())
        .isEqualTo("evt_gen");
  }

  @Test
  void accepts_any_of_several_v1_signatures_during_a_rotation() throws Exception {
    long t = NOW.getEpochSecond();
    String payload = payload("evt_rot", t);
    String header = "t=" + t + ",v1=" + v1(PREVIOUS, t, payload) + ",v1=" + v1(CURRENT, t, payload) + ",v0=deadbeef";
    WebhookEvent event = verify(payload, header, GatewayCredentials.of(Map.of(StripeGateway.WEBHOOK_SECRET, CURRENT)));
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
    assertThat(event.amount()).contains(Money.of("12.00", "EUR"));
  }

  @Test
  void accepts_the_previous_secret_only_while_it_is_configured() throws Exception {
    long t = NOW.getEpochSecond();
    String payload = payload("evt_prev", t);
    String header = "t=" + t + ",v1=" + v1(PREVIOUS, t, payload);
    assertThat(verify(payload, header, GatewayCredentials.of(Map.of(
        StripeGateway.WEBHOOK_SECRET, CURRENT, StripeGateway.PREVIOUS_WEBHOOK_SECRET, PREVIOUS))).eventId())
        .isEqualTo("evt_prev");
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(payload, header, GatewayCredentials.of(Map.of(StripeGateway.WEBHOOK_SECRET, CURRENT))));
    assertThat(e.code()).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void rejects_a_future_timestamp_that_stripe_java_itself_accepts() throws Exception {
    long future = NOW.plusSeconds(3600).getEpochSecond();
    String payload = payload("evt_future", future);
    String header = Webhook.Signature.generateSignatureHeader(payload, CURRENT, future);
    boolean sdkAccepts;
    try {
      sdkAccepts = Webhook.Signature.verifyHeader(payload, header, CURRENT, 300, Clock.fixed(NOW, ZoneOffset.UTC));
    } catch (SignatureVerificationException e) {
      sdkAccepts = false;
    }
    assertThat(sdkAccepts).as("stripe-java checks only the age").isTrue();
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(payload, header, GatewayCredentials.of(Map.of(StripeGateway.WEBHOOK_SECRET, CURRENT))));
    assertThat(e.code()).isEqualTo(WebhookRejectedException.TIMESTAMP_OUT_OF_TOLERANCE);
  }

  @Test
  void a_refund_event_names_the_payment_intent_and_refunded_amount() throws Exception {
    long t = NOW.getEpochSecond();
    String payload = StripeEvents.chargeRefunded("evt_ref", "pi_ref", Money.of("4.00", "EUR"), t);
    WebhookEvent event = verify(payload, "t=" + t + ",v1=" + v1(CURRENT, t, payload),
        GatewayCredentials.of(Map.of(StripeGateway.WEBHOOK_SECRET, CURRENT)));
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_REFUNDED);
    assertThat(event.gatewayReference()).contains("pi_ref");
    assertThat(event.amount()).contains(Money.of("4.00", "EUR"));
  }

  @Test
  void a_succeeded_refund_event_names_the_refund_as_the_refund_call_returned_it() throws Exception {
    long t = NOW.getEpochSecond();
    String payload = "{\"id\":\"evt_re\",\"object\":\"event\",\"created\":" + t + ",\"data\":{\"object\":"
        + StripeStubs.refund("succeeded", Money.of("4.00", "EUR")) + "},\"type\":\"refund.updated\"}";
    WebhookEvent event = verify(payload, "t=" + t + ",v1=" + v1(CURRENT, t, payload),
        GatewayCredentials.of(Map.of(StripeGateway.WEBHOOK_SECRET, CURRENT)));
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_REFUNDED);
    assertThat(event.gatewayReference()).contains(StripeStubs.REFUND);
    assertThat(event.amount()).contains(Money.of("4.00", "EUR"));
  }

  @Test
  void a_correctly_signed_body_that_is_not_an_event_is_malformed() throws Exception {
    long t = NOW.getEpochSecond();
    String payload = "{\"id\":\"pi_1\",\"object\":\"payment_intent\"}";
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(payload, "t=" + t + ",v1=" + v1(CURRENT, t, payload),
            GatewayCredentials.of(Map.of(StripeGateway.WEBHOOK_SECRET, CURRENT))));
    assertThat(e.code()).isEqualTo(WebhookRejectedException.MALFORMED);
  }
}
