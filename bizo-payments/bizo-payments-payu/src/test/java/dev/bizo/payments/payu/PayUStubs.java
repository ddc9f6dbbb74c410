package dev.bizo.payments.payu;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import dev.bizo.core.Money;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * WireMock stubs shaped like PayU India's merchant postservice ({@code POST /merchant/postservice.php?form=2},
 * form fields {@code key}, {@code command}, {@code var1}…, {@code hash}; JSON answers as in PayU's API reference
 * for {@code verify_payment}, {@code cancel_refund_transaction} and {@code check_action_status}). Every stub
 * only matches a request whose command hash is right, recomputed here independently of the module.
 */
final class PayUStubs {

  static final String KEY = "tckKey7Fg";
  static final String SALT = "tck_salt_Vq7Rm2Xp9Lw4";
  static final String MIHPAYID = "403993715521937565";
  static final String REQUEST_ID = "131278422";

  private final WireMockServer api;

  PayUStubs(WireMockServer api) {
    this.api = api;
  }

  /** {@code verify_payment} of any txnid: a captured payment of {@code amount}. */
  void paid(Money amount) {
    api.stubFor(command("verify_payment").willReturn(templated(verified("success", "captured", amount, "E000",
        "NO ERROR"))));
  }

  /** {@code verify_payment} of any txnid: a payment the bank declined. */
  void declined(Money amount) {
    api.stubFor(command("verify_payment").willReturn(templated(verified("failure", "failed", amount, "E307",
        "Transaction declined with do not honor"))));
  }

  /** {@code verify_payment} of any txnid: PayU has no such transaction yet. */
  void notFound() {
    api.stubFor(command("verify_payment").willReturn(templated("{\"status\":0,\"msg\":\"0 out of 1 Transactions "
        + "Fetched Successfully\",\"transaction_details\":{\"{{{form.var1}}}\":{\"mihpayid\":\"Not Found\","
        + "\"status\":\"Not Found\"}}}")));
  }

  /** {@code cancel_refund_transaction} of {@code amount} on {@link #MIHPAYID}: queued. */
  void refundQueued(Money amount) {
    api.stubFor(command("cancel_refund_transaction")
        .withFormParam("var1", equalTo(MIHPAYID))
        .withFormParam("var3", equalTo(rupees(amount)))
        .willReturn(json("{\"status\":1,\"msg\":\"Refund Request Queued\",\"request_id\":\"" + REQUEST_ID
            + "\",\"bank_ref_num\":null,\"mihpayid\":" + MIHPAYID + ",\"error_code\":102}")));
  }

  /** {@code cancel_refund_transaction}: refused, as PayU answers a token it has seen. */
  void refundRefused() {
    api.stubFor(command("cancel_refund_transaction").willReturn(json(
        "{\"status\":0,\"msg\":\"Token already used\",\"error_code\":106,\"mihpayid\":" + MIHPAYID + "}")));
  }

  /** {@code check_action_status} by PayU id: one refund with {@code token} in {@code status}. */
  void actions(String token, String status, Money amount) {
    api.stubFor(command("check_action_status").withFormParam("var1", equalTo(MIHPAYID))
        .withFormParam("var2", equalTo("payuid"))
        .willReturn(json("{\"status\":1,\"msg\":\"1 out of 1 Transactions Fetched Successfully\","
            + "\"transaction_details\":{\"" + MIHPAYID + "\":{\"" + REQUEST_ID + "\":" + action(token, status, amount)
            + "}}}")));
  }

  /** {@code check_action_status} by request id. */
  void actionByRequestId(String token, String status, Money amount) {
    api.stubFor(command("check_action_status").withFormParam("var1", equalTo(REQUEST_ID))
        .willReturn(json("{\"status\":1,\"msg\":\"1 out of 1 Transactions Fetched Successfully\","
            + "\"transaction_details\":{\"" + REQUEST_ID + "\":{\"" + REQUEST_ID + "\":" + action(token, status, amount)
            + "}}}")));
  }

  static String rupees(Money amount) {
    return amount.toDecimal().setScale(2).toPlainString();
  }

  static String sha512(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String action(String token, String status, Money amount) {
    return "{\"mihpayid\":\"" + MIHPAYID + "\",\"bank_ref_num\":\"527013524405\",\"request_id\":\"" + REQUEST_ID
        + "\",\"amt\":\"" + rupees(amount) + "\",\"mode\":\"CC\",\"action\":\"refund\",\"token\":\"" + token
        + "\",\"status\":\"" + status + "\",\"bank_arn\":null,\"settlement_id\":null,\"amount_settled\":null,"
        + "\"UTR_no\":null,\"value_date\":null,\"refund_mode\":\"Back to Source\"}";
  }

  private static String verified(String status, String unmapped, Money amount, String code, String message) {
    String amt = rupees(amount);
    return "{\"status\":1,\"msg\":\"1 out of 1 Transactions Fetched Successfully\",\"transaction_details\":{"
        + "\"{{{form.var1}}}\":{\"mihpayid\":\"" + MIHPAYID + "\",\"request_id\":\"\",\"bank_ref_num\":\"1941218\","
        + "\"amt\":\"" + amt + "\",\"transaction_amount\":\"" + amt + "\",\"txnid\":\"{{{form.var1}}}\","
        + "\"additional_charges\":\"0.00\",\"productinfo\":\"TCK payment\",\"firstname\":\"Customer\","
        + "\"bankcode\":\"CC\",\"udf1\":\"\",\"udf2\":\"\",\"udf3\":\"\",\"udf4\":\"\",\"udf5\":\"\","
        + "\"field9\":\"" + message + "\",\"error_code\":\"" + code + "\",\"addedon\":\"2026-03-02 15:45:30\","
        + "\"payment_source\":\"payu\",\"card_type\":\"VISA\",\"error_Message\":\"" + message + "\","
        + "\"net_amount_debit\":" + new BigDecimal(amt).stripTrailingZeros().toPlainString() + ",\"disc\":\"0.00\","
        + "\"mode\":\"CC\",\"PG_TYPE\":\"CC-PG\",\"card_no\":\"XXXXXXXXXXXX2346\",\"name_on_card\":\"Customer\","
        + "\"unmappedstatus\":\"" + unmapped + "\",\"status\":\"" + status + "\"}}}";
  }

  /** A postservice call of {@code command} whose hash is {@code sha512(key|command|var1|salt)}. */
  private static MappingBuilder command(String command) {
    return post(urlEqualTo(PayUGateway.POSTSERVICE_PATH))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withFormParam("key", equalTo(KEY))
        .withFormParam("command", equalTo(command))
        .andMatching(request -> {
          Map<String, String> form = form(request.getBodyAsString());
          String expected = sha512(KEY + "|" + command + "|" + form.getOrDefault("var1", "") + "|" + SALT);
          return MatchResult.of(expected.equals(form.get("hash")));
        });
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** A JSON answer that echoes the request's {@code var1} where the body says {@code {{{form.var1}}}}. */
  private static ResponseDefinitionBuilder templated(String body) {
    return json("{{formData request.body 'form' urlDecode=true}}" + body).withTransformers("response-template");
  }
}
