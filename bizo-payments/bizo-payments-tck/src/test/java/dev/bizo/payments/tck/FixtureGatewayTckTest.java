package dev.bizo.payments.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.TimestampTolerance;
import dev.bizo.payments.spi.TimestampedSignatureScheme;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Runs the TCK against a real HTTP client talking to WireMock, proving the stubbing hooks and faults. */
class FixtureGatewayTckTest extends PaymentGatewayContractTest {

  private static final String PAYMENT = "fx_pay_1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    return new FixtureHttpGateway(
        environment.baseUrl(), environment.clientTimeout(), environment.clock(), expectedCapabilities());
  }

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return GatewayCapabilities.builder()
        .manualCapture(true).partialCapture(true).partialRefund(true).voidAuthorization(true).redirects(true)
        .currencies("EUR", "USD", "JPY", "KWD")
        .maxAmount(Money.of("10000.00", "EUR"))
        .build();
  }

  @Override
  protected GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of("api_key", "sk_fixture", "webhook_secret", webhookSecret()));
  }

  @Override
  protected String webhookSecret() {
    return "whsec_fixture";
  }

  @Override
  protected Optional<String> idempotencyKeyHeader() {
    return Optional.of(FixtureHttpGateway.IDEMPOTENCY_HEADER);
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
    Money amount = ctx.amount();
    Money partial = ctx.partialAmount();
    WireMockServer api = ctx.wireMock();
    switch (scenario) {
      case AUTHORIZE_CAPTURE_REFUND:
        api.stubFor(create(amount, false).willReturn(okJson(payment("authorized", amount))));
        api.stubFor(action("capture", amount).willReturn(okJson(payment("captured", amount))));
        api.stubFor(action("refunds", amount).willReturn(okJson(refund(amount))));
        break;
      case PURCHASE_REFUND:
        api.stubFor(create(amount, true).willReturn(okJson(payment("captured", amount))));
        api.stubFor(action("refunds", amount).willReturn(okJson(refund(amount))));
        break;
      case PARTIAL_CAPTURE:
        api.stubFor(create(amount, false).willReturn(okJson(payment("authorized", amount))));
        api.stubFor(action("capture", partial).willReturn(okJson(payment("captured", partial))));
        break;
      case PARTIAL_REFUND:
        api.stubFor(create(amount, true).willReturn(okJson(payment("captured", amount))));
        api.stubFor(action("refunds", partial).willReturn(okJson(refund(partial))));
        break;
      case AUTHORIZE_VOID:
        api.stubFor(create(amount, false).willReturn(okJson(payment("authorized", amount))));
        api.stubFor(post("/v1/payments/" + PAYMENT + "/void").willReturn(okJson(payment("voided", amount))));
        break;
      case DECLINE:
        api.stubFor(create(amount, false).willReturn(aResponse().withStatus(402)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"fx_pay_2\",\"status\":\"declined\",\"decline_code\":\"insufficient_funds\","
                + "\"message\":\"Insufficient funds\"}")));
        break;
      case REDIRECT:
        api.stubFor(create(amount, false).willReturn(okJson(
            "{\"id\":\"fx_pay_3\",\"status\":\"requires_action\",\"redirect_url\":\"https://fixture.example/3ds/fx_pay_3\"}")));
        break;
      case STATUS_AFTER_AUTHORIZE:
        api.stubFor(create(amount, false).willReturn(okJson(payment("authorized", amount))));
        api.stubFor(get("/v1/payments/" + PAYMENT).willReturn(okJson(payment("authorized", amount))));
        break;
      case TIMEOUT:
      case SERVER_ERROR:
      case CONNECTION_RESET:
        ctx.stubFaultOnEveryRequest();
        break;
      case CONNECTION_REFUSED:
        break; // the TCK points the gateway at a closed port
      default:
        throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    return PaymentMethod.token("tok_fixture_visa");
  }

  @Override
  protected TestWebhook signWebhook(WebhookSpec spec) {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", spec.eventId());
    event.put("type", "payment.captured");
    event.put("payment", spec.gatewayReference());
    event.put("amount", spec.amount().toDecimal().toPlainString());
    event.put("currency", spec.amount().currency().getCurrencyCode());
    event.put("created", spec.signedAt().getEpochSecond());
    byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
    Clock at = Clock.fixed(spec.signedAt(), ZoneOffset.UTC);
    String header = new TimestampedSignatureScheme(FixtureHttpGateway.SIGNATURE_HEADER, TimestampTolerance.fiveMinutes(at))
        .sign(body, spec.secret(), spec.signedAt());
    return new TestWebhook(body, Map.of(FixtureHttpGateway.SIGNATURE_HEADER, header));
  }

  /** The create call, matched on the converted amount so a wrong minor-unit conversion finds no stub. */
  private static MappingBuilder create(Money amount, boolean capture) {
    return post("/v1/payments")
        .withHeader("Authorization", equalTo("Bearer sk_fixture"))
        .withRequestBody(matchingJsonPath("$.amount", equalTo(amount.toDecimal().toPlainString())))
        .withRequestBody(matchingJsonPath("$.currency", equalTo(amount.currency().getCurrencyCode())))
        .withRequestBody(matchingJsonPath("$.capture", equalTo(Boolean.toString(capture))));
  }

  private static MappingBuilder action(String action, Money amount) {
    return post("/v1/payments/" + PAYMENT + "/" + action)
        .withRequestBody(matchingJsonPath("$.amount", equalTo(amount.toDecimal().toPlainString())));
  }

  private static String payment(String status, Money amount) {
    return "{\"id\":\"" + PAYMENT + "\",\"status\":\"" + status + "\",\"amount\":\""
        + amount.toDecimal().toPlainString() + "\",\"currency\":\"" + amount.currency().getCurrencyCode() + "\"}";
  }

  private static String refund(Money amount) {
    return "{\"id\":\"fx_re_1\",\"status\":\"succeeded\",\"amount\":\"" + amount.toDecimal().toPlainString()
        + "\",\"currency\":\"" + amount.currency().getCurrencyCode() + "\"}";
  }
}
