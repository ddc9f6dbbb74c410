package dev.example.acmepay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
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
import java.util.Map;
import java.util.Optional;

/**
 * Acme Pay passes the whole payment gateway contract against a WireMock stand-in for its API. The stubs match
 * on Acme Pay's own wire format (amounts in minor units, the bearer key, the idempotency header), so a wrong
 * conversion or a missing header finds no stub and fails.
 */
class AcmePayGatewayTckTest extends PaymentGatewayContractTest {

  static final String API_KEY = "sk_test_acme";
  static final String WEBHOOK_SECRET = "whsec_acme_tck";
  private static final String CHARGE = "ch_tck_1";

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    return AcmePayGateway.builder().apiBase(environment.baseUrl()).timeouts(environment.clientTimeout())
        .clock(environment.clock()).build();
  }

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return GatewayCapabilities.builder()
        .manualCapture(true).partialCapture(true).partialRefund(true).voidAuthorization(true).redirects(true)
        .currencies("EUR", "USD", "GBP", "JPY", "KWD")
        .maxAmount(Money.of("50000.00", "EUR"))
        .maxAmount(Money.of("50000.00", "USD"))
        .build();
  }

  @Override
  protected GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of(AcmePayGateway.API_KEY, API_KEY, AcmePayGateway.WEBHOOK_SECRET, webhookSecret()));
  }

  @Override
  protected String webhookSecret() {
    return WEBHOOK_SECRET;
  }

  @Override
  protected Optional<String> idempotencyKeyHeader() {
    return Optional.of(AcmePayGateway.IDEMPOTENCY_HEADER);
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext context) {
    WireMockServer api = context.wireMock();
    Money amount = context.amount();
    Money partial = context.partialAmount();
    switch (scenario) {
      case AUTHORIZE_CAPTURE_REFUND:
        api.stubFor(newCharge(amount, false).willReturn(okJson(charge("authorized", amount, null))));
        api.stubFor(onCharge("capture", amount).willReturn(okJson(charge("captured", amount, amount))));
        api.stubFor(onCharge("refunds", amount).willReturn(okJson(refund(amount))));
        break;
      case PURCHASE_REFUND:
        api.stubFor(newCharge(amount, true).willReturn(okJson(charge("captured", amount, amount))));
        api.stubFor(onCharge("refunds", amount).willReturn(okJson(refund(amount))));
        break;
      case PARTIAL_CAPTURE:
        api.stubFor(newCharge(amount, false).willReturn(okJson(charge("authorized", amount, null))));
        api.stubFor(onCharge("capture", partial).willReturn(okJson(charge("captured", amount, partial))));
        break;
      case PARTIAL_REFUND:
        api.stubFor(newCharge(amount, true).willReturn(okJson(charge("captured", amount, amount))));
        api.stubFor(onCharge("refunds", partial).willReturn(okJson(refund(partial))));
        break;
      case AUTHORIZE_VOID:
        api.stubFor(newCharge(amount, false).willReturn(okJson(charge("authorized", amount, null))));
        api.stubFor(post("/v1/charges/" + CHARGE + "/void")
            .withHeader(AcmePayGateway.IDEMPOTENCY_HEADER, matching(".+"))
            .willReturn(okJson(charge("voided", amount, null))));
        break;
      case DECLINE:
        api.stubFor(newCharge(amount, false).willReturn(aResponse().withStatus(402)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"ch_tck_declined\",\"status\":\"declined\",\"decline_code\":\"insufficient_funds\","
                + "\"decline_message\":\"The card has insufficient funds\"}")));
        break;
      case REDIRECT:
        api.stubFor(newCharge(amount, false).willReturn(okJson("{\"id\":\"ch_tck_3ds\",\"status\":\"requires_action\","
            + "\"action_url\":\"https://acmepay.example/3ds/ch_tck_3ds\",\"amount\":" + amount.minorUnits()
            + ",\"currency\":\"" + amount.currency().getCurrencyCode() + "\"}")));
        break;
      case STATUS_AFTER_AUTHORIZE:
        api.stubFor(newCharge(amount, false).willReturn(okJson(charge("authorized", amount, null))));
        api.stubFor(get("/v1/charges/" + CHARGE).willReturn(okJson(charge("authorized", amount, null))));
        break;
      case TIMEOUT:
      case SERVER_ERROR:
      case CONNECTION_RESET:
        context.stubFaultOnEveryRequest();
        break;
      case CONNECTION_REFUSED:
        break; // the TCK points the gateway at a closed port
      default:
        throw new IllegalArgumentException("No arrangement for " + scenario);
    }
    return PaymentMethod.token("tok_acme_visa");
  }

  @Override
  protected TestWebhook signWebhook(WebhookSpec spec) {
    return AcmePayWebhooks.signed(spec.eventId(), "charge.captured", spec.gatewayReference(), spec.amount(),
        spec.secret(), spec.signedAt());
  }

  /** {@code POST /v1/charges} for exactly this amount, in minor units, with the key and the idempotency header. */
  private static MappingBuilder newCharge(Money amount, boolean capture) {
    return post("/v1/charges")
        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
        .withHeader(AcmePayGateway.IDEMPOTENCY_HEADER, matching(".+"))
        .withRequestBody(matchingJsonPath("$.amount", equalTo(Long.toString(amount.minorUnits()))))
        .withRequestBody(matchingJsonPath("$.currency", equalTo(amount.currency().getCurrencyCode())))
        .withRequestBody(matchingJsonPath("$.capture", equalTo(Boolean.toString(capture))))
        .withRequestBody(matchingJsonPath("$.source", equalTo("tok_acme_visa")));
  }

  private static MappingBuilder onCharge(String action, Money amount) {
    return post("/v1/charges/" + CHARGE + "/" + action)
        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
        .withHeader(AcmePayGateway.IDEMPOTENCY_HEADER, matching(".+"))
        .withRequestBody(matchingJsonPath("$.amount", equalTo(Long.toString(amount.minorUnits()))));
  }

  private static String charge(String status, Money amount, Money captured) {
    return "{\"object\":\"charge\",\"id\":\"" + CHARGE + "\",\"status\":\"" + status + "\",\"amount\":"
        + amount.minorUnits() + ",\"amount_captured\":" + (captured == null ? 0 : captured.minorUnits())
        + ",\"currency\":\"" + amount.currency().getCurrencyCode() + "\"}";
  }

  private static String refund(Money amount) {
    return "{\"object\":\"refund\",\"id\":\"re_tck_1\",\"charge\":\"" + CHARGE + "\",\"status\":\"succeeded\","
        + "\"amount\":" + amount.minorUnits() + ",\"currency\":\"" + amount.currency().getCurrencyCode() + "\"}";
  }
}
