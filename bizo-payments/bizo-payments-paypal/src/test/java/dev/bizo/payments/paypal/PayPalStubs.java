package dev.bizo.payments.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.bizo.core.Money;
import dev.bizo.payments.paypal.internal.PayPalAmounts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * WireMock stubs shaped like PayPal's REST API reference: OAuth2 client-credentials token, Orders v2
 * (create, show, authorize, capture) and Payments v2 (authorization show, capture, void; capture show and
 * refund), with PayPal's JSON bodies and error envelope. Money-moving stubs match on PayPal's decimal
 * strings, the bearer token and a present {@code PayPal-Request-Id}, so a wrong conversion, a missing token
 * or a missing key finds no stub.
 */
final class PayPalStubs {

  static final String CLIENT_ID = "AcTck3kV9ZmPq8wR-tckClientId";
  static final String CLIENT_SECRET = "ELtckClientSecret_8f3KqZ2xW9vN";
  static final String ACCESS_TOKEN = "A21AAtckAccessToken_Qm7Rz4XpL2";
  static final String ORDER = "5O190127TN364715T";
  static final String AUTHORIZATION = "0AW2184448108334S";
  static final String CAPTURE = "3C679366HH908993F";
  static final String REFUND = "1JU08902781691411";
  static final String APPROVAL_URL = "https://www.sandbox.paypal.com/checkoutnow?token=" + ORDER;

  private static final String BASIC =
      "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

  private final WireMockServer api;

  PayPalStubs(WireMockServer api) {
    this.api = api;
  }

  /** POST /v1/oauth2/token with the app's Basic credentials; priority 1 so fault stubs leave it alone. */
  void token() {
    api.stubFor(post("/v1/oauth2/token").atPriority(1)
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(containing("grant_type=client_credentials"))
        .willReturn(json(200, "{\"scope\":\"https://uri.paypal.com/services/payments/payment/authcapture openid\","
            + "\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\","
            + "\"app_id\":\"APP-80W284485P519543T\",\"expires_in\":32400,\"nonce\":\"2026-03-02T10:15:30ZtckNonce\"}")));
  }

  /** A money-moving call: bearer token and a PayPal-Request-Id (void sends no body, so no Content-Type). */
  static MappingBuilder moving(MappingBuilder call) {
    return call.withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .withHeader(PayPalGateway.REQUEST_ID_HEADER, matching(".+"));
  }

  /** GET /v2/checkout/orders/{id}: an order the buyer approved, for {@code amount}. */
  void approvedOrder(String intent, Money amount) {
    api.stubFor(get("/v2/checkout/orders/" + ORDER).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(json(200, order(intent, "APPROVED", amount, ""))));
  }

  /** GET /v2/checkout/orders/{id} in any state, with the given {@code payments} JSON members. */
  void orderShown(String intent, String status, Money amount, String payments) {
    api.stubFor(get("/v2/checkout/orders/" + ORDER).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(json(200, order(intent, status, amount, payments))));
  }

  /** The {@code payments} member of an order with one COMPLETED capture. */
  static String oneCapture(Money amount) {
    return "\"captures\":[" + payment(CAPTURE, "COMPLETED", amount, ",\"final_capture\":true") + "]";
  }

  /** POST /v2/checkout/orders: PAYER_ACTION_REQUIRED with the payer-action link. */
  void orderCreated(String intent, Money amount) {
    api.stubFor(moving(post("/v2/checkout/orders"))
        .withRequestBody(matchingJsonPath("$.intent", equalTo(intent)))
        .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo(PayPalAmounts.value(amount))))
        .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.currency_code", equalTo(code(amount))))
        .willReturn(json(200, "{\"id\":\"" + ORDER + "\",\"status\":\"PAYER_ACTION_REQUIRED\","
            + "\"payment_source\":{\"paypal\":{}},\"links\":["
            + "{\"href\":\"https://api-m.sandbox.paypal.com/v2/checkout/orders/" + ORDER + "\",\"rel\":\"self\",\"method\":\"GET\"},"
            + "{\"href\":\"" + APPROVAL_URL + "\",\"rel\":\"payer-action\",\"method\":\"GET\"}]}")));
  }

  /** POST /v2/checkout/orders/{id}/authorize: COMPLETED with one CREATED authorization. */
  void orderAuthorized(Money amount) {
    String authorizations = "\"authorizations\":[" + payment(AUTHORIZATION, "CREATED", amount,
        ",\"expiration_time\":\"2026-03-31T10:15:30Z\"") + "]";
    api.stubFor(moving(post("/v2/checkout/orders/" + ORDER + "/authorize"))
        .willReturn(json(201, order("AUTHORIZE", "COMPLETED", amount, authorizations))));
  }

  /** POST /v2/checkout/orders/{id}/capture: COMPLETED with one COMPLETED capture. */
  void orderCaptured(Money amount) {
    api.stubFor(moving(post("/v2/checkout/orders/" + ORDER + "/capture"))
        .willReturn(json(201, order("CAPTURE", "COMPLETED", amount, oneCapture(amount)))));
  }

  /** POST /v2/checkout/orders/{id}/authorize answered 422 with PayPal's error envelope. */
  void orderAuthorizeRefused(String issue) {
    api.stubFor(moving(post("/v2/checkout/orders/" + ORDER + "/authorize"))
        .willReturn(unprocessable(issue)));
  }

  /** POST /v2/payments/authorizations/{id}/capture of exactly {@code amount}, final. */
  void authorizationCaptured(Money amount) {
    api.stubFor(moving(post("/v2/payments/authorizations/" + AUTHORIZATION + "/capture"))
        .withRequestBody(matchingJsonPath("$.amount.value", equalTo(PayPalAmounts.value(amount))))
        .withRequestBody(matchingJsonPath("$.amount.currency_code", equalTo(code(amount))))
        .withRequestBody(matchingJsonPath("$.final_capture", equalTo("true")))
        .willReturn(json(201, payment(CAPTURE, "COMPLETED", amount, ",\"final_capture\":true"))));
  }

  /** POST /v2/payments/authorizations/{id}/void with the full representation. */
  void authorizationVoided(Money amount) {
    api.stubFor(moving(post("/v2/payments/authorizations/" + AUTHORIZATION + "/void"))
        .willReturn(json(200, payment(AUTHORIZATION, "VOIDED", amount, ""))));
  }

  /** GET /v2/payments/authorizations/{id}. */
  void authorizationShown(String status, Money amount) {
    api.stubFor(get("/v2/payments/authorizations/" + AUTHORIZATION)
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(json(200, payment(AUTHORIZATION, status, amount, ""))));
  }

  /** POST /v2/payments/captures/{id}/refund of exactly {@code amount}. */
  void captureRefunded(Money amount) {
    api.stubFor(moving(post("/v2/payments/captures/" + CAPTURE + "/refund"))
        .withRequestBody(matchingJsonPath("$.amount.value", equalTo(PayPalAmounts.value(amount))))
        .withRequestBody(matchingJsonPath("$.amount.currency_code", equalTo(code(amount))))
        .willReturn(json(201, payment(REFUND, "COMPLETED", amount, ""))));
  }

  /** Any request to {@code path} answered 404 RESOURCE_NOT_FOUND, as PayPal does for an unknown id. */
  void notFound(String path) {
    api.stubFor(get(path).willReturn(json(404, "{\"name\":\"RESOURCE_NOT_FOUND\",\"details\":[{\"issue\":"
        + "\"INVALID_RESOURCE_ID\",\"description\":\"Specified resource ID does not exist.\"}],"
        + "\"message\":\"The specified resource does not exist.\",\"debug_id\":\"tck0debug404\"}")));
  }

  static ResponseDefinitionBuilder unprocessable(String issue) {
    return json(422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"details\":[{\"issue\":\"" + issue + "\","
        + "\"description\":\"The instrument presented was either declined by the processor or bank.\"}],"
        + "\"message\":\"The requested action could not be performed, semantically incorrect, or failed business "
        + "validation.\",\"debug_id\":\"tck0debug422\",\"links\":[{\"href\":\"https://developer.paypal.com/api/rest/"
        + "reference/orders/v2/errors/#" + issue + "\",\"rel\":\"information_link\",\"method\":\"GET\"}]}");
  }

  static String order(String intent, String status, Money amount, String payments) {
    String unit = "{\"reference_id\":\"default\",\"amount\":" + amount(amount)
        + ",\"payee\":{\"email_address\":\"merchant@example.com\",\"merchant_id\":\"C7CYMKZDG8D6E\"}"
        + (payments.isEmpty() ? "" : ",\"payments\":{" + payments + "}") + "}";
    return "{\"id\":\"" + ORDER + "\",\"intent\":\"" + intent + "\",\"status\":\"" + status + "\","
        + "\"purchase_units\":[" + unit + "],\"create_time\":\"2026-03-02T10:14:02Z\",\"links\":["
        + "{\"href\":\"https://api-m.sandbox.paypal.com/v2/checkout/orders/" + ORDER + "\",\"rel\":\"self\","
        + "\"method\":\"GET\"}]}";
  }

  static String payment(String id, String status, Money amount, String extra) {
    return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"amount\":" + amount(amount) + extra
        + ",\"create_time\":\"2026-03-02T10:15:02Z\",\"update_time\":\"2026-03-02T10:15:02Z\",\"links\":[]}";
  }

  static String amount(Money amount) {
    return "{\"currency_code\":\"" + code(amount) + "\",\"value\":\"" + PayPalAmounts.value(amount) + "\"}";
  }

  static String code(Money amount) {
    return amount.currency().getCurrencyCode();
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("Paypal-Debug-Id", "tck0debug").withBody(body);
  }
}
