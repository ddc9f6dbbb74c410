package dev.bizo.payments.paypal;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The full payments TCK against WireMock stubs shaped like PayPal's API reference; webhooks verified
 * through a stand-in of PayPal's verify-webhook-signature API (see {@link PayPalWebhooks}).
 *
 * <p>The TCK pays with an approved order id, so authorize and purchase read the order and then authorize
 * or capture it; the redirect scenario pays with {@link PayPalGateway#CHECKOUT} and gets the approval link.
 * In the fault scenarios the OAuth token and the order read answer normally, so the fault hits the
 * money-moving call itself.
 */
class PayPalGatewayTckTest extends PaymentGatewayContractTest {

  /** The tenant's webhook id; PayPal's stand-in signs webhooks for it. */
  static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    return PayPalGateway.builder()
        .apiBase(environment.baseUrl())
        .connectTimeout(environment.clientTimeout())
        .readTimeout(environment.clientTimeout())
        .clock(environment.clock())
        .build();
  }

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return PayPalGateway.declaredCapabilities();
  }

  @Override
  protected GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of(
        PayPalGateway.CLIENT_ID, PayPalStubs.CLIENT_ID,
        PayPalGateway.CLIENT_SECRET, PayPalStubs.CLIENT_SECRET,
        PayPalGateway.WEBHOOK_ID, webhookSecret()));
  }

  /** PayPal's webhooks carry no shared secret: what ties one to the tenant is the webhook id it was signed for. */
  @Override
  protected String webhookSecret() {
    return WEBHOOK_ID;
  }

  @Override
  protected Optional<String> idempotencyKeyHeader() {
    return Optional.of(PayPalGateway.REQUEST_ID_HEADER);
  }

  /** The key on every non-GET request except the OAuth token call, which moves no money. */
  @Override
  protected List<String> forwardedIdempotencyKeys() {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : wireMockServer().getAllServeEvents()) {
      requests.add(event.getRequest());
    }
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    List<String> keys = new ArrayList<>();
    for (LoggedRequest request : requests) {
      if (request.getMethod().getName().equals("GET") || request.getUrl().startsWith("/v1/oauth2/token")) {
        continue;
      }
      String header = PayPalGateway.REQUEST_ID_HEADER;
      keys.add(request.containsHeader(header) ? request.getHeader(header) : "");
    }
    return keys;
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
    Money amount = ctx.amount();
    Money partial = ctx.partialAmount();
    if (scenario == GatewayScenario.CONNECTION_REFUSED) {
      return PaymentMethod.token(PayPalStubs.ORDER);
    }
    PayPalStubs paypal = new PayPalStubs(ctx.wireMock());
    paypal.token();
    switch (scenario) {
      case AUTHORIZE_CAPTURE_REFUND:
        paypal.approvedOrder("AUTHORIZE", amount);
        paypal.orderAuthorized(amount);
        paypal.authorizationCaptured(amount);
        paypal.captureRefunded(amount);
        break;
      case PURCHASE_REFUND:
        paypal.approvedOrder("CAPTURE", amount);
        paypal.orderCaptured(amount);
        paypal.captureRefunded(amount);
        break;
      case PARTIAL_CAPTURE:
        paypal.approvedOrder("AUTHORIZE", amount);
        paypal.orderAuthorized(amount);
        paypal.authorizationCaptured(partial);
        break;
      case PARTIAL_REFUND:
        paypal.approvedOrder("CAPTURE", amount);
        paypal.orderCaptured(amount);
        paypal.captureRefunded(partial);
        break;
      case AUTHORIZE_VOID:
        paypal.approvedOrder("AUTHORIZE", amount);
        paypal.orderAuthorized(amount);
        paypal.authorizationVoided(amount);
        break;
      case DECLINE:
        paypal.approvedOrder("AUTHORIZE", amount);
        paypal.orderAuthorizeRefused("INSTRUMENT_DECLINED");
        break;
      case REDIRECT:
        paypal.orderCreated("AUTHORIZE", amount);
        return PaymentMethod.token(PayPalGateway.CHECKOUT);
      case STATUS_AFTER_AUTHORIZE:
        paypal.approvedOrder("AUTHORIZE", amount);
        paypal.orderAuthorized(amount);
        paypal.authorizationShown("CREATED", amount);
        break;
      case TIMEOUT:
      case SERVER_ERROR:
      case CONNECTION_RESET:
        paypal.approvedOrder("CAPTURE", amount);
        ctx.stubFaultOnEveryRequest();
        break;
      default:
        throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    return PaymentMethod.token(PayPalStubs.ORDER);
  }

  @Override
  protected TestWebhook signWebhook(WebhookSpec spec) {
    new PayPalStubs(wireMockServer()).token();
    PayPalWebhooks.stubVerification(wireMockServer());
    byte[] body = PayPalWebhooks.event(spec.eventId(), spec.type(), spec.gatewayReference(), spec.amount(),
        spec.signedAt()).getBytes(StandardCharsets.UTF_8);
    return new TestWebhook(body, PayPalWebhooks.headers(body, spec.secret(), spec.signedAt()));
  }
}
