package dev.bizo.payments.razorpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.bizo.core.Money;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * WireMock stubs shaped like Razorpay's v1 REST API (JSON bodies, Basic auth, payment, refund, order and
 * error entities as in Razorpay's API reference), matched on Razorpay's subunits.
 */
final class RazorpayStubs {

  static final String KEY_ID = "rzp_test_TckKey0001";
  static final String KEY_SECRET = "tck_key_secret_Zr8mQx2Lp9Vd";
  static final String PAYMENT = "pay_TckPayment0001";
  static final String ORDER = "order_TckOrder00001";
  static final String REFUND = "rfnd_TckRefund0001";
  static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString((KEY_ID + ":" + KEY_SECRET).getBytes(StandardCharsets.UTF_8));

  private final WireMockServer api;

  RazorpayStubs(WireMockServer api) {
    this.api = api;
  }

  void paymentIs(String status, Money amount) {
    api.stubFor(get("/v1/payments/" + PAYMENT).withHeader("Authorization", equalTo(BASIC))
        .willReturn(okJson(payment(status, amount))));
  }

  void captured(Money amount) {
    api.stubFor(post("/v1/payments/" + PAYMENT + "/capture").withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("{\"amount\":" + amount.minorUnits() + ",\"currency\":\""
            + amount.currency().getCurrencyCode() + "\"}"))
        .willReturn(okJson(payment("captured", amount))));
  }

  void refunded(Money amount) {
    api.stubFor(post("/v1/payments/" + PAYMENT + "/refund").withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(matchingJsonPath("$.amount", equalTo(Long.toString(amount.minorUnits()))))
        .willReturn(okJson(refund("processed", amount))));
  }

  void orderCreated(Money amount) {
    api.stubFor(post("/v1/orders").withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(matchingJsonPath("$.amount", equalTo(Long.toString(amount.minorUnits()))))
        .withRequestBody(matchingJsonPath("$.currency", equalTo(amount.currency().getCurrencyCode())))
        .withRequestBody(matchingJsonPath("$.receipt"))
        .willReturn(okJson("{\"id\":\"" + ORDER + "\",\"entity\":\"order\",\"amount\":" + amount.minorUnits()
            + ",\"amount_paid\":0,\"amount_due\":" + amount.minorUnits() + ",\"currency\":\""
            + amount.currency().getCurrencyCode() + "\",\"receipt\":\"r\",\"offer_id\":null,\"status\":\"created\","
            + "\"attempts\":0,\"notes\":{},\"created_at\":1772446530}")));
  }

  void failed(Money amount) {
    String body = payment("failed", amount)
        .replace("\"error_code\":null", "\"error_code\":\"BAD_REQUEST_ERROR\"")
        .replace("\"error_description\":null", "\"error_description\":\"Payment failed due to insufficient balance.\"")
        .replace("\"error_source\":null", "\"error_source\":\"customer\"")
        .replace("\"error_step\":null", "\"error_step\":\"payment_authorization\"")
        .replace("\"error_reason\":null", "\"error_reason\":\"insufficient_funds\"");
    api.stubFor(get("/v1/payments/" + PAYMENT).willReturn(okJson(body)));
  }

  void alreadyCaptured() {
    api.stubFor(post("/v1/payments/" + PAYMENT + "/capture").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"BAD_REQUEST_ERROR\",\"description\":\"This payment has already been captured\","
            + "\"source\":\"business\",\"step\":\"payment_capture\",\"reason\":\"NA\",\"metadata\":{},\"field\":\"NA\"}}")));
  }


  static String payment(String status, Money amount) {
    boolean captured = status.equals("captured");
    return "{\"id\":\"" + PAYMENT + "\",\"entity\":\"payment\",\"amount\":" + amount.minorUnits() + ",\"currency\":\""
        + amount.currency().getCurrencyCode() + "\",\"status\":\"" + status + "\",\"order_id\":\"" + ORDER + "\","
        + "\"invoice_id\":null,\"international\":false,\"method\":\"card\",\"amount_refunded\":0,\"refund_status\":null,"
        + "\"captured\":" + captured + ",\"description\":\"TCK payment\",\"card_id\":\"card_TckCard0001\",\"bank\":null,"
        + "\"wallet\":null,\"vpa\":null,\"email\":\"buyer@example.com\",\"contact\":\"+919000090000\",\"notes\":[],"
        + "\"fee\":null,\"tax\":null,\"error_code\":null,\"error_description\":null,\"error_source\":null,"
        + "\"error_step\":null,\"error_reason\":null,\"acquirer_data\":{\"auth_code\":\"828553\"},\"created_at\":1772446530}";
  }

  static String refund(String status, Money amount) {
    return "{\"id\":\"" + REFUND + "\",\"entity\":\"refund\",\"amount\":" + amount.minorUnits() + ",\"receipt\":null,"
        + "\"currency\":\"" + amount.currency().getCurrencyCode() + "\",\"payment_id\":\"" + PAYMENT + "\",\"notes\":{},"
        + "\"acquirer_data\":{\"arn\":null},\"created_at\":1772446531,\"batch_id\":null,\"status\":\"" + status + "\","
        + "\"speed_processed\":\"normal\",\"speed_requested\":\"normal\"}";
  }
}
