package dev.bizo.payments.simulator;

import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.tck.GatewayEnvironment;
import dev.bizo.payments.tck.GatewayScenario;
import dev.bizo.payments.tck.PaymentGatewayContractTest;
import dev.bizo.payments.tck.ScenarioContext;
import dev.bizo.payments.tck.TestWebhook;
import dev.bizo.payments.tck.WebhookSpec;
import java.util.List;
import java.util.Map;

/** The simulator passes the whole TCK, choosing a test card per scenario instead of stubbing HTTP. */
class SimulatorGatewayTckTest extends PaymentGatewayContractTest {

  private SimulatorGateway current;

  @Override
  protected boolean usesHttp() {
    return false;
  }

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    current = SimulatorGateway.builder().clock(environment.clock()).build();
    return current;
  }

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return GatewayCapabilities.builder()
        .manualCapture(true).partialCapture(true).partialRefund(true).voidAuthorization(true)
        .redirects(true).simulator(true)
        .currencies("EUR", "USD", "GBP", "CHF", "INR", "JPY", "KWD")
        .maxAmount(dev.bizo.core.Money.of("999999.99", "EUR"))
        .maxAmount(dev.bizo.core.Money.of("999999.99", "USD"))
        .maxAmount(dev.bizo.core.Money.of("99999999", "JPY"))
        .maxAmount(dev.bizo.core.Money.of("99999.999", "KWD"))
        .build();
  }

  @Override
  protected GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of(SimulatorGateway.WEBHOOK_SECRET, webhookSecret()));
  }

  @Override
  protected String webhookSecret() {
    return "whsec_simulator_tck";
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext context) {
    switch (scenario) {
      case DECLINE:
        return PaymentMethod.token(SimulatorCards.DECLINE_INSUFFICIENT_FUNDS);
      case REDIRECT:
        return PaymentMethod.token(SimulatorCards.REQUIRES_REDIRECT);
      case TIMEOUT:
        return PaymentMethod.token(SimulatorCards.TIMEOUT_THEN_SUCCEEDS);
      case SERVER_ERROR:
        return PaymentMethod.token(SimulatorCards.SERVER_ERROR_THEN_SUCCEEDS);
      case CONNECTION_RESET:
        return PaymentMethod.token(SimulatorCards.CONNECTION_RESET_THEN_SUCCEEDS);
      case CONNECTION_REFUSED:
        return PaymentMethod.token(SimulatorCards.UNREACHABLE);
      default:
        return PaymentMethod.token(SimulatorCards.SUCCESS);
    }
  }

  @Override
  protected TestWebhook signWebhook(WebhookSpec spec) {
    byte[] body = SimulatorWebhooks.eventBody(
        spec.eventId(), spec.type(), spec.gatewayReference(), spec.amount(), spec.signedAt());
    SignedWebhook signed = SimulatorWebhooks.sign(body, spec.secret(), spec.signedAt());
    return new TestWebhook(signed.body(), signed.headers());
  }

  @Override
  protected List<String> forwardedIdempotencyKeys() {
    return current.receivedIdempotencyKeys().stream().map(IdempotencyKey::value).toList();
  }

  @Override
  protected int requestsReceived() {
    return current.receivedIdempotencyKeys().size();
  }
}
