package dev.bizo.payments.razorpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.razorpay.RazorpayException;
import com.razorpay.Utils;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The full payments TCK against WireMock stubs shaped like Razorpay's API; webhooks signed with
 * razorpay-java's own HMAC helper.
 */
class RazorpayGatewayTckTest extends PaymentGatewayContractTest {

  static final String WEBHOOK_SECRET = "tck_webhook_secret_Hq4Ns8Ty";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    return RazorpayGateway.builder().apiBase(environment.baseUrl()).timeouts(environment.clientTimeout()).build();
  }

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return RazorpayGateway.declaredCapabilities();
  }

  @Override
  protected GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of(
        RazorpayGateway.KEY_ID, RazorpayStubs.KEY_ID,
        RazorpayGateway.KEY_SECRET, RazorpayStubs.KEY_SECRET,
        RazorpayGateway.WEBHOOK_SECRET, webhookSecret()));
  }

  @Override
  protected String webhookSecret() {
    return WEBHOOK_SECRET;
  }

  /** Razorpay webhooks carry no signed timestamp; replays are stopped by event-id dedupe instead. */
  @Override
  protected Optional<Duration> webhookTimestampTolerance() {
    return Optional.empty();
  }

  /**
   * Reads the key from where Razorpay honours it: the order {@code receipt}, the refund
   * {@code X-Refund-Idempotency} header; captures carry it only in the trace header (see the gateway's Javadoc).
   */
  @Override
  protected List<String> forwardedIdempotencyKeys() {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : wireMockServer().getAllServeEvents()) {
      requests.add(event.getRequest());
    }
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    List<String> keys = new ArrayList<>();
    for (LoggedRequest request : requests) {
      String method = request.getMethod().getName();
      String url = request.getUrl();
      if (method.equals("GET")) {
        continue;
      }
      if (url.endsWith("/refund")) {
        keys.add(header(request, RazorpayGateway.REFUND_IDEMPOTENCY_HEADER));
      } else if (url.equals("/v1/orders")) {
        keys.add(receipt(request));
      } else {
        keys.add(header(request, RazorpayGateway.TRACE_HEADER));
      }
    }
    return keys;
  }

  private static String header(LoggedRequest request, String name) {
    return request.containsHeader(name) ? request.getHeader(name) : "";
  }

  private static String receipt(LoggedRequest request) {
    try {
      return JSON.readTree(request.getBodyAsString()).path("receipt").asText("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
    Money amount = ctx.amount();
    Money partial = ctx.partialAmount();
    RazorpayStubs razorpay = new RazorpayStubs(ctx.wireMock());
    switch (scenario) {
      case AUTHORIZE_CAPTURE_REFUND:
        razorpay.paymentIs("authorized", amount);
        razorpay.captured(amount);
        razorpay.refunded(amount);
        break;
      case PURCHASE_REFUND:
        razorpay.captured(amount);
        razorpay.refunded(amount);
        break;
      case PARTIAL_CAPTURE:
        razorpay.paymentIs("authorized", amount);
        break;
      case PARTIAL_REFUND:
        razorpay.captured(amount);
        razorpay.refunded(partial);
        break;
      case AUTHORIZE_VOID:
        razorpay.paymentIs("authorized", amount);
        break;
      case DECLINE:
        razorpay.failed(amount);
        break;
      case REDIRECT:
        razorpay.orderCreated(amount);
        return PaymentMethod.token(RazorpayGateway.CHECKOUT);
      case STATUS_AFTER_AUTHORIZE:
        razorpay.paymentIs("authorized", amount);
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
    return PaymentMethod.token(RazorpayStubs.PAYMENT);
  }

  @Override
  protected TestWebhook signWebhook(WebhookSpec spec) {
    String body = RazorpayEvents.paymentCaptured(spec.gatewayReference(), spec.amount(), spec.signedAt().getEpochSecond());
    try {
      String signature = Utils.getHash(body, spec.secret());
      return new TestWebhook(body.getBytes(StandardCharsets.UTF_8), Map.of(
          "X-Razorpay-Signature", signature, "X-Razorpay-Event-Id", spec.eventId(), "Content-Type", "application/json"));
    } catch (RazorpayException e) {
      throw new IllegalStateException(e);
    }
  }
}
