package dev.bizo.payments.payu;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bizo.core.Money;
import dev.bizo.payments.payu.internal.FormBody;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.tck.GatewayEnvironment;
import dev.bizo.payments.tck.GatewayScenario;
import dev.bizo.payments.tck.IdempotencyKeyLocation;
import dev.bizo.payments.tck.PaymentGatewayContractTest;
import dev.bizo.payments.tck.ScenarioContext;
import dev.bizo.payments.tck.TestWebhook;
import dev.bizo.payments.tck.WebhookSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The full payments TCK in rupees against WireMock stubs shaped like PayU's postservice; callbacks signed with
 * PayU's reverse hash, computed here from the documented field order.
 */
class PayUGatewayTckTest extends PaymentGatewayContractTest {

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    return PayUGateway.builder().checkoutBase(environment.baseUrl()).apiBase(environment.baseUrl())
        .timeouts(environment.clientTimeout()).clock(environment.clock()).build();
  }

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return GatewayCapabilities.builder().partialRefund(true).redirects(true).currencies("INR").build();
  }

  @Override
  protected GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of(PayUGateway.MERCHANT_KEY, PayUStubs.KEY, PayUGateway.SALT, webhookSecret()));
  }

  /** PayU authenticates callbacks with the merchant salt. */
  @Override
  protected String webhookSecret() {
    return PayUStubs.SALT;
  }

  @Override
  protected Currency primaryCurrency() {
    return Money.currency("INR");
  }

  /** PayU's callbacks carry no signed timestamp; replays are stopped by event-id dedupe instead. */
  @Override
  protected Optional<Duration> webhookTimestampTolerance() {
    return Optional.empty();
  }

  /** PayU's reverse hash covers field values, not the body's bytes. */
  @Override
  protected boolean webhookSignatureCoversRawBytes() {
    return false;
  }

  /** The same callback fields in reverse order. */
  @Override
  protected byte[] reserialize(byte[] body) {
    List<Map.Entry<String, String>> fields = new ArrayList<>(parse(body).entrySet());
    Collections.reverse(fields);
    Map<String, String> reordered = new LinkedHashMap<>();
    fields.forEach(e -> reordered.put(e.getKey(), e.getValue()));
    return FormBody.encode(reordered).getBytes(StandardCharsets.UTF_8);
  }

  /** PayU's signature is the {@code hash} field of the body. */
  @Override
  protected TestWebhook withoutSignature(TestWebhook signed) {
    Map<String, String> fields = new LinkedHashMap<>(parse(signed.body()));
    fields.remove("hash");
    return new TestWebhook(FormBody.encode(fields).getBytes(StandardCharsets.UTF_8), signed.headers());
  }

  /**
   * The key is the {@code txnid} in {@code verify_payment}'s {@code var1} and the refund token in
   * {@code cancel_refund_transaction}'s {@code var2}; {@code check_action_status} is a lookup.
   */
  @Override
  protected Optional<IdempotencyKeyLocation> idempotencyKeyLocation(LoggedRequest request) {
    switch (IdempotencyKeyLocation.formField("command").read(request)) {
      case "verify_payment":
        return Optional.of(IdempotencyKeyLocation.formField("var1"));
      case "cancel_refund_transaction":
        return Optional.of(IdempotencyKeyLocation.formField("var2"));
      default:
        return Optional.empty();
    }
  }

  @Override
  protected String forwardedKey(IdempotencyKey key, GatewayOperation operation) {
    return operation == GatewayOperation.REFUND ? PayUGateway.refundToken(key) : PayUGateway.txnid(key);
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
    Money amount = ctx.amount();
    PayUStubs payu = new PayUStubs(ctx.wireMock());
    switch (scenario) {
      case PURCHASE_REFUND:
        payu.paid(amount);
        payu.refundQueued(amount);
        break;
      case PARTIAL_REFUND:
        payu.paid(amount);
        payu.refundQueued(ctx.partialAmount());
        break;
      case STATUS_AFTER_AUTHORIZE:
        payu.paid(amount);
        break;
      case DECLINE:
        payu.declined(amount);
        break;
      case REDIRECT:
        payu.notFound();
        break;
      case AUTHORIZE_CAPTURE_REFUND:
      case PARTIAL_CAPTURE:
      case AUTHORIZE_VOID:
        break; // no manual capture or void: refused before sending
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
    return PaymentMethod.token(PayUGateway.HOSTED_CHECKOUT);
  }

  @Override
  protected TestWebhook signWebhook(WebhookSpec spec) {
    return new TestWebhook(callback(spec.eventId(), "success", spec.gatewayReference(), spec.amount(), spec.secret(),
        spec.signedAt()), Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  /** A PayU callback body: unsigned fields first, then the signed ones, then the reverse hash. */
  static byte[] callback(String mihpayid, String status, String txnid, Money amount, String salt,
      java.time.Instant at) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("addedon", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Kolkata"))
        .format(at));
    fields.put("mode", "CC");
    fields.put("mihpayid", mihpayid);
    fields.put("status", status);
    fields.put("key", PayUStubs.KEY);
    fields.put("txnid", txnid);
    fields.put("amount", PayUStubs.rupees(amount));
    fields.put("productinfo", "TCK payment");
    fields.put("firstname", "Asha");
    fields.put("email", "asha@example.in");
    fields.put("hash", PayUStubs.sha512(salt + "|" + status + "|||||||||||asha@example.in|Asha|TCK payment|"
        + PayUStubs.rupees(amount) + "|" + txnid + "|" + PayUStubs.KEY));
    return FormBody.encode(fields).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> parse(byte[] body) {
    return FormBody.parse(new String(body, StandardCharsets.UTF_8)).orElseThrow();
  }
}
