package dev.bizo.payments.razorpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.razorpay.Utils;
import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.payments.razorpay.internal.RazorpayAmounts;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.HmacSignature;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Our signature checks agree with razorpay-java's own helpers; amounts convert exactly or are refused. */
class RazorpaySignaturesTest {

  private static final String KEY_SECRET = "key_secret_for_signatures";
  private static final String WEBHOOK_SECRET = "webhook_secret_for_signatures";
  private final RazorpayGateway gateway = new RazorpayGateway();

  @Test
  void a_checkout_signature_razorpay_java_accepts_is_accepted_and_a_tampered_one_is_not() throws Exception {
    String signature = HmacSignature.signHex(KEY_SECRET, "order_A1|pay_B2".getBytes(StandardCharsets.UTF_8));
    JSONObject attributes = new JSONObject(Map.of(
        "razorpay_order_id", "order_A1", "razorpay_payment_id", "pay_B2", "razorpay_signature", signature));
    assertThat(Utils.verifyPaymentSignature(attributes, KEY_SECRET)).isTrue();
    assertThat(new CheckoutPayment("order_A1", "pay_B2", signature).signatureMatches(KEY_SECRET)).isTrue();
    assertThat(new CheckoutPayment("order_A1", "pay_B3", signature).signatureMatches(KEY_SECRET)).isFalse();
    assertThat(new CheckoutPayment("order_A1", "pay_B2", signature).signatureMatches("other")).isFalse();
    assertThat(new CheckoutPayment("order_A1", "pay_B2", "zz-not-hex").signatureMatches(KEY_SECRET)).isFalse();
  }

  @Test
  void a_checkout_result_survives_the_payment_method_token_and_hides_its_signature() {
    CheckoutPayment paid = new CheckoutPayment("order_A1", "pay_B2", "abc123");
    assertThat(CheckoutPayment.parse(paid.toPaymentMethod().token())).contains(paid);
    assertThat(CheckoutPayment.parse("pay_B2")).isEmpty();
    assertThat(paid.toString()).doesNotContain("abc123");
  }

  private WebhookEvent verify(String body, String signature, String eventId) {
    Map<String, String> headers = eventId == null
        ? Map.of("X-Razorpay-Signature", signature)
        : Map.of("X-Razorpay-Signature", signature, "X-Razorpay-Event-Id", eventId);
    return gateway.verifyAndParseWebhook(WebhookRequest.of(body.getBytes(StandardCharsets.UTF_8),
        ReceivedHeaders.of(headers), GatewayCredentials.of(Map.of(RazorpayGateway.WEBHOOK_SECRET, WEBHOOK_SECRET))));
  }

  @Test
  void a_webhook_razorpay_java_verifies_is_accepted_and_its_pretty_printed_twin_is_rejected() throws Exception {
    String body = RazorpayEvents.paymentCaptured("pay_W1", Money.of("10.00", "INR"), 1772446530);
    String signature = Utils.getHash(body, WEBHOOK_SECRET);
    assertThat(Utils.verifyWebhookSignature(body, signature, WEBHOOK_SECRET)).isTrue();
    assertThat(verify(body, signature, "evt_W1").gatewayReference()).contains("pay_W1");

    String pretty = new JSONObject(body).toString(2);
    assertThat(Utils.verifyWebhookSignature(pretty, signature, WEBHOOK_SECRET)).isFalse();
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(pretty, signature, "evt_W1"));
    assertThat(e.code()).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void a_refund_webhook_names_the_refund_and_its_amount() throws Exception {
    String body = RazorpayEvents.refundProcessed("rfnd_W2", Money.of("25.00", "INR"), 1772446531);
    WebhookEvent event = verify(body, Utils.getHash(body, WEBHOOK_SECRET), "evt_W2");
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_REFUNDED);
    assertThat(event.gatewayReference()).contains("rfnd_W2");
    assertThat(event.amount()).contains(Money.of("25.00", "INR"));
  }

  @Test
  void without_an_event_id_header_the_id_is_stable_for_the_same_body() throws Exception {
    String body = RazorpayEvents.paymentCaptured("pay_W3", Money.of("10.00", "INR"), 1772446530);
    String signature = Utils.getHash(body, WEBHOOK_SECRET);
    assertThat(verify(body, signature, null).eventId()).startsWith("body_")
        .isEqualTo(verify(body, signature, null).eventId());
  }

  @Test
  void three_decimal_dinar_is_refused_and_yen_and_rupees_convert_exactly() {
    assertThat(RazorpayAmounts.toRazorpay(Money.of("5000", "JPY"))).isEqualTo(5000);
    assertThat(RazorpayAmounts.toRazorpay(Money.of("499.99", "INR"))).isEqualTo(49999);
    assertThat(RazorpayAmounts.fromRazorpay(49999, "INR")).isEqualTo(Money.of("499.99", "INR"));
    assertThatThrownBy(() -> RazorpayAmounts.toRazorpay(Money.of("12.340", "KWD")))
        .isInstanceOf(UnsupportedFeatureException.class);
    assertThat(RazorpayGateway.declaredCapabilities().supports(Money.currency("KWD"))).isFalse();
  }
}
