package dev.bizo.payments.stripe;

import com.stripe.net.Webhook;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.tck.GatewayEnvironment;
import dev.bizo.payments.tck.GatewayScenario;
import dev.bizo.payments.tck.PaymentGatewayContractTest;
import dev.bizo.payments.tck.ScenarioContext;
import dev.bizo.payments.tck.TestWebhook;
import dev.bizo.payments.tck.WebhookSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;

/** The full payments TCK against WireMock stubs shaped like Stripe's API; webhooks signed by stripe-java. */
class StripeGatewayTckTest extends PaymentGatewayContractTest {

  static final String WEBHOOK_SECRET = "whsec_tck_Wc9kZq3VnX1r";

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    return StripeGateway.builder()
        .apiBase(environment.baseUrl())
        .connectTimeout(environment.clientTimeout())
        .readTimeout(environment.clientTimeout())
        .clock(environment.clock())
        .build();
  }

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return StripeGateway.declaredCapabilities();
  }

  @Override
  protected GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of(
        StripeGateway.SECRET_KEY, StripeStubs.SECRET_KEY, StripeGateway.WEBHOOK_SECRET, webhookSecret()));
  }

  @Override
  protected String webhookSecret() {
    return WEBHOOK_SECRET;
  }

  @Override
  protected Optional<String> idempotencyKeyHeader() {
    return Optional.of("Idempotency-Key");
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
    Money amount = ctx.amount();
    Money partial = ctx.partialAmount();
    StripeStubs stripe = new StripeStubs(ctx.wireMock());
    switch (scenario) {
      case AUTHORIZE_CAPTURE_REFUND:
        stripe.authorized(amount);
        stripe.captured(amount, amount);
        stripe.refunded(amount);
        break;
      case PURCHASE_REFUND:
        stripe.purchased(amount);
        stripe.refunded(amount);
        break;
      case PARTIAL_CAPTURE:
        stripe.authorized(amount);
        stripe.captured(amount, partial);
        break;
      case PARTIAL_REFUND:
        stripe.purchased(amount);
        stripe.refunded(partial);
        break;
      case AUTHORIZE_VOID:
        stripe.authorized(amount);
        stripe.canceled(amount);
        break;
      case DECLINE:
        stripe.declined(amount, "manual");
        break;
      case REDIRECT:
        stripe.requiresAction(amount, "manual", true);
        break;
      case STATUS_AFTER_AUTHORIZE:
        stripe.authorized(amount);
        stripe.retrieved("requires_capture", amount);
        break;
      case TIMEOUT:
      case SERVER_ERROR:
      case CONNECTION_RESET:
        ctx.stubFaultOnEveryRequest();
        break;
      case CONNECTION_REFUSED:
        break;
      default:
        throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    return PaymentMethod.token("pm_card_visa");
  }

  @Override
  protected TestWebhook signWebhook(WebhookSpec spec) {
    String payload = StripeEvents.paymentIntentSucceeded(spec.eventId(), spec.gatewayReference(), spec.amount(),
        spec.signedAt().getEpochSecond());
    long t = spec.signedAt().getEpochSecond();
    try {
      String v1 = Webhook.Util.computeHmacSha256(spec.secret(), t + "." + payload);
      return new TestWebhook(payload.getBytes(StandardCharsets.UTF_8),
          Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1, "Content-Type", "application/json; charset=utf-8"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
