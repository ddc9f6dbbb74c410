package dev.bizo.payments.payu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.core.Money;
import dev.bizo.payments.payu.internal.FormBody;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PayU callbacks beyond the TCK: failures, tampered values, pollution, another merchant, additional charges. */
class PayUWebhookTest {

  private static final Instant AT = Instant.parse("2026-03-02T10:15:30Z");
  private static final Money AMOUNT = Money.of("499.00", "INR");
  private static final String TXNID = "bz0a1b2c3d4e5f60718293a4b";
  private static final GatewayCredentials CREDENTIALS = GatewayCredentials.of(Map.of(
      PayUGateway.MERCHANT_KEY, PayUStubs.KEY, PayUGateway.SALT, PayUStubs.SALT));

  private final PayUGateway gateway = PayUGateway.builder().checkoutBase(URI.create("http://127.0.0.1:9"))
      .apiBase(URI.create("http://127.0.0.1:9")).timeouts(Duration.ofSeconds(1)).clock(Clock.fixed(AT, ZoneOffset.UTC))
      .build();

  @Test
  void a_signed_success_callback_is_a_capture_of_the_txnid_at_its_addedon_time() {
    WebhookEvent event = verify(callback("success"));
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
    assertThat(event.eventId()).isEqualTo(PayUStubs.MIHPAYID);
    assertThat(event.gatewayReference()).contains(TXNID);
    assertThat(event.amount()).contains(AMOUNT);
    assertThat(event.occurredAt()).isEqualTo(AT);
  }

  @Test
  void a_signed_failure_callback_is_a_failure_with_its_own_event_id() {
    WebhookEvent event = verify(callback("failure"));
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_FAILED);
    assertThat(event.eventId()).isEqualTo(PayUStubs.MIHPAYID + ":failure");
  }

  @Test
  void rejects_webhook_with_tampered_status_amount_or_txnid() {
    for (String field : new String[] {"status", "amount", "txnid", "email", "udf1"}) {
      Map<String, String> fields = callback("failure");
      fields.put(field, switch (field) {
        case "status" -> "success";
        case "amount" -> "1.00";
        case "txnid" -> "bz_someone_elses_order";
        default -> "changed";
      });
      assertRejected(fields, WebhookRejectedException.SIGNATURE_INVALID);
    }
  }

  @Test
  void rejects_webhook_without_a_hash() {
    Map<String, String> fields = callback("success");
    fields.remove("hash");
    assertRejected(fields, WebhookRejectedException.SIGNATURE_MISSING);
    fields.put("hash", "");
    assertRejected(fields, WebhookRejectedException.SIGNATURE_MISSING);
  }

  @Test
  void rejects_webhook_for_another_merchant_key_even_when_hashed_with_our_salt() {
    Map<String, String> fields = callback("success");
    fields.put("key", "otherMerchant");
    fields.put("hash", reverseHash(fields, PayUStubs.SALT));
    assertRejected(fields, WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void rejects_webhook_that_names_a_signed_field_twice() {
    String body = FormBody.encode(callback("failure")) + "&status=success";
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class, () -> gateway.verifyAndParseWebhook(
        WebhookRequest.of(body.getBytes(StandardCharsets.UTF_8), ReceivedHeaders.of(Map.of()), CREDENTIALS)));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(WebhookRejectedException.MALFORMED);
  }

  @Test
  void additional_charges_are_part_of_the_reverse_hash() {
    Map<String, String> fields = callback("success");
    fields.put("additionalCharges", "2.50");
    fields.put("hash", PayUStubs.sha512("2.50|" + PayUStubs.SALT + "|success|||||||||||asha@example.in|Asha|"
        + "Order 7|499.00|" + TXNID + "|" + PayUStubs.KEY));
    assertThat(verify(fields).eventId()).isEqualTo(PayUStubs.MIHPAYID);
    fields.remove("additionalCharges");
    assertRejected(fields, WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void accepts_an_upper_case_hash() {
    Map<String, String> fields = callback("success");
    fields.put("hash", fields.get("hash").toUpperCase());
    assertThat(verify(fields).type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
  }

  private WebhookEvent verify(Map<String, String> fields) {
    return gateway.verifyAndParseWebhook(WebhookRequest.of(FormBody.encode(fields).getBytes(StandardCharsets.UTF_8),
        ReceivedHeaders.of(Map.of("Content-Type", "application/x-www-form-urlencoded")), CREDENTIALS));
  }

  private void assertRejected(Map<String, String> fields, String code) {
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class, () -> verify(fields));
    assertThat(e).as("rejected with %s", code).isNotNull();
    assertThat(e.code()).isEqualTo(code);
  }

  /** A callback as PayU posts it: many unsigned fields, the signed ones, and the reverse hash. */
  private static Map<String, String> callback(String status) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("mihpayid", PayUStubs.MIHPAYID);
    fields.put("mode", "CC");
    fields.put("status", status);
    fields.put("unmappedstatus", status.equals("success") ? "captured" : "failed");
    fields.put("key", PayUStubs.KEY);
    fields.put("txnid", TXNID);
    fields.put("amount", "499.00");
    fields.put("addedon", "2026-03-02 15:45:30");
    fields.put("productinfo", "Order 7");
    fields.put("firstname", "Asha");
    fields.put("email", "asha@example.in");
    fields.put("udf1", "");
    fields.put("error", status.equals("success") ? "E000" : "E307");
    fields.put("hash", reverseHash(fields, PayUStubs.SALT));
    return fields;
  }

  /** The reverse hash spelled out field by field from PayU's documented order. */
  private static String reverseHash(Map<String, String> f, String salt) {
    return PayUStubs.sha512(salt + "|" + f.get("status") + "||||||" + "" + "|" + "" + "|" + "" + "|" + ""
        + "|" + f.getOrDefault("udf1", "") + "|" + f.get("email") + "|" + f.get("firstname") + "|"
        + f.get("productinfo") + "|" + f.get("amount") + "|" + f.get("txnid") + "|" + f.get("key"));
  }
}
