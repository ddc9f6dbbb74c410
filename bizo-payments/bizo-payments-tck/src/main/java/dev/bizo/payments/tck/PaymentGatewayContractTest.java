package dev.bizo.payments.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayResult.Outcome;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.TimestampTolerance;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The payment gateway contract: every {@link PaymentGateway} extends this in its own tests and passes all
 * of it.
 *
 * <h2>Writing the hooks</h2>
 * <pre>{@code
 * class AcmeGatewayTckTest extends PaymentGatewayContractTest {
 *   protected PaymentGateway createGateway(GatewayEnvironment env) {
 *     return AcmeGateway.builder().apiBase(env.baseUrl()).timeouts(env.clientTimeout()).clock(env.clock()).build();
 *   }
 *   protected GatewayCapabilities expectedCapabilities() { return ...; }   // what you promise
 *   protected GatewayCredentials credentials() {
 *     return GatewayCredentials.of(Map.of("api_key", "sk_test", "webhook_secret", webhookSecret()));
 *   }
 *   protected String webhookSecret() { return "whsec_tck"; }
 *   protected Optional<String> idempotencyKeyHeader() { return Optional.of("Idempotency-Key"); }
 *   protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
 *     switch (scenario) {
 *       case AUTHORIZE_CAPTURE_REFUND:
 *         ctx.wireMock().stubFor(post("/v1/charges").withRequestBody(matchingJsonPath("$.amount", equalTo(...)))
 *             .willReturn(okJson(...)));   // plus the capture and refund endpoints
 *         return PaymentMethod.token("pm_card_visa");
 *       case TIMEOUT: case SERVER_ERROR: case CONNECTION_RESET:
 *         ctx.stubFaultOnEveryRequest();
 *         return PaymentMethod.token("pm_card_visa");
 *       ...
 *     }
 *   }
 *   protected TestWebhook signWebhook(WebhookSpec spec) { ... your gateway's format, signed with spec.secret() ... }
 * }
 * }</pre>
 *
 * <p>The TCK starts one WireMock server per test class and resets it before each test; each test builds a
 * fresh gateway through {@link #createGateway} after {@link #arrange}. Stub with request matchers on the
 * gateway's own units (e.g. {@code "amount": 1235}) so a wrong minor-unit conversion fails the test.
 *
 * <p><b>HTTP-less gateways</b> (the simulator) return {@code false} from {@link #usesHttp()}; no server is
 * started, {@link #arrange} picks a test card per scenario instead of stubbing, and they override
 * {@link #forwardedIdempotencyKeys()} and {@link #requestsReceived()} to report what their remote side saw.
 *
 * <p><b>Where the idempotency key travels.</b> By default every non-GET request must carry it in
 * {@link #idempotencyKeyHeader()}. A gateway whose key travels in a body field, or in different places per
 * endpoint, overrides {@link #idempotencyKeyLocation(LoggedRequest)} and returns an
 * {@link IdempotencyKeyLocation} per recorded request (empty for requests that move no money, e.g. an OAuth
 * token call). A gateway that must shorten or re-alphabet the key (PayU's 25-character {@code txnid})
 * overrides {@link #forwardedKey} with its deterministic derivation.
 *
 * <p><b>Webhook hooks.</b> {@link #webhookSecret()} is what authenticates the tenant's webhooks (a signing
 * secret, a salt, a webhook id); {@link #signWebhook} signs with {@link WebhookSpec#secret()}, which is that
 * value or, in the wrong-secret test, a different one. {@link #webhookTimestampTolerance()},
 * {@link #webhookSignatureCoversRawBytes()}, {@link #reserialize} and {@link #withoutSignature} adapt the
 * webhook tests to schemes without signed timestamps, signing field values rather than bytes, or carrying
 * the signature in the body.
 *
 * <p>Capability-dependent tests check both branches: when the gateway declares a feature it must work,
 * when it does not the call must throw {@link UnsupportedFeatureException} without sending anything. Only
 * the redirect and webhook-timestamp tests are skipped (as assumptions) for gateways without redirects
 * or without signed timestamps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PaymentGatewayContractTest {

  /** The default read timeout gateways are built with in the TCK; see {@link #clientTimeout()}. */
  protected static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);

  /** How late the timeout scenario answers by default; see {@link #delayPastTimeout()}. */
  protected static final Duration DELAY_PAST_TIMEOUT = Duration.ofSeconds(5);

  /** The fixed instant of the TCK's clock. */
  protected static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

  private static final Money JPY_AMOUNT = Money.of("5000", "JPY");
  private static final Money JPY_PARTIAL = Money.of("2000", "JPY");
  private static final Money KWD_AMOUNT = Money.of("12.345", "KWD");
  private static final Money KWD_PARTIAL = Money.of("5.125", "KWD");
  private static final List<String> PROBE_CURRENCIES =
      List.of("XOF", "CLP", "ISK", "BHD", "SEK", "NOK", "CHF", "BRL", "MXN", "KWD", "JPY");

  private WireMockServer wireMock;

  // ---------------------------------------------------------------- hooks

  /**
   * Builds the gateway under test, pointed at {@code environment.baseUrl()}, with the given client timeout
   * and clock. Called once per test, after {@link #arrange}.
   */
  protected abstract PaymentGateway createGateway(GatewayEnvironment environment);

  /** The capabilities the gateway is expected to declare; the tests follow them. */
  protected abstract GatewayCapabilities expectedCapabilities();

  /**
   * Test credentials for every call, holding {@link #webhookSecret()} under whatever name the gateway reads it
   * from (the TCK never looks the name up; it only changes the secret it signs with).
   */
  protected abstract GatewayCredentials credentials();

  /**
   * The value in {@link #credentials()} that makes a webhook authentic for this tenant, handed back to
   * {@link #signWebhook} as {@link WebhookSpec#secret()}. For an HMAC scheme it is the signing secret (Stripe
   * {@code whsec_…}, Razorpay's webhook secret); for a hash scheme it is the salt (PayU); for a gateway whose
   * webhooks are verified by a remote call it is whatever ties the webhook to the tenant (PayPal's webhook
   * id). The wrong-secret test signs with this value plus a suffix, which the gateway must reject with
   * {@link WebhookRejectedException#SIGNATURE_INVALID}.
   */
  protected abstract String webhookSecret();

  /**
   * Makes the gateway behave as {@code scenario} describes and returns the payment method to pay with.
   * HTTP gateways stub {@code context.wireMock()}; others choose a test card.
   */
  protected abstract PaymentMethod arrange(GatewayScenario scenario, ScenarioContext context);

  /** A webhook in the gateway's format as described by {@code spec}, signed with {@code spec.secret()}. */
  protected abstract TestWebhook signWebhook(WebhookSpec spec);

  /** Whether the gateway speaks HTTP; when false no WireMock server is started. */
  protected boolean usesHttp() {
    return true;
  }

  /** The HTTP header carrying the idempotency key, e.g. {@code Idempotency-Key}; HTTP gateways override. */
  protected Optional<String> idempotencyKeyHeader() {
    return Optional.empty();
  }

  /**
   * The idempotency key of every money-moving request the remote side received, in order, {@code ""} for a
   * request that carried none. The default reads each request WireMock recorded at its
   * {@link #idempotencyKeyLocation(LoggedRequest)}; HTTP-less gateways override it.
   */
  protected List<String> forwardedIdempotencyKeys() {
    List<String> keys = new ArrayList<>();
    for (LoggedRequest request : recordedRequests()) {
      idempotencyKeyLocation(request).ifPresent(location -> keys.add(location.read(request)));
    }
    return keys;
  }

  /**
   * What the gateway sends on the wire for {@code key} on an {@code operation}: by default the key itself. A
   * gateway whose remote side limits the length or alphabet of its idempotent id derives one from the key
   * (PayU's 25-character {@code txnid}, its 23-character refund token) and returns that derivation here, so
   * the forwarding tests can look for it among {@link #forwardedIdempotencyKeys()}. The derivation must be
   * deterministic: the same key always gives the same value.
   */
  protected String forwardedKey(IdempotencyKey key, GatewayOperation operation) {
    return key.value();
  }

  /**
   * Where this recorded request carries the idempotency key, or empty for a request that moves no money and
   * need carry none (a lookup). The default expects every non-GET request to carry it in
   * {@link #idempotencyKeyHeader()}; gateways whose key travels in a body field, or differs per endpoint,
   * override this instead of {@link #forwardedIdempotencyKeys()}.
   */
  protected Optional<IdempotencyKeyLocation> idempotencyKeyLocation(LoggedRequest request) {
    if (request.getMethod().getName().equals("GET")) {
      return Optional.empty();
    }
    String header = idempotencyKeyHeader().orElseThrow(() -> new IllegalStateException(
        "Override idempotencyKeyHeader() or idempotencyKeyLocation() (HTTP gateways), or forwardedIdempotencyKeys() (others)"));
    return Optional.of(IdempotencyKeyLocation.header(header));
  }

  /** How many requests reached the remote side in this test; HTTP-less gateways override it. */
  protected int requestsReceived() {
    return recordedRequests().size();
  }

  /**
   * How far a signed webhook timestamp may be from now, or empty when the gateway's webhooks carry no
   * signed timestamp (then the stale and future tests are skipped).
   */
  protected Optional<Duration> webhookTimestampTolerance() {
    return Optional.of(TimestampTolerance.DEFAULT);
  }

  /**
   * The same webhook content with different bytes. The default pretty-prints JSON; override for other
   * formats (a form body re-encoded in another field order, say).
   */
  protected byte[] reserialize(byte[] body) {
    try {
      ObjectMapper json = new ObjectMapper();
      return json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException("The default reserialize() handles JSON bodies only; override it", e);
    }
  }

  /**
   * Whether the webhook signature covers the raw body bytes (HMAC over the body: Stripe, Razorpay), so that
   * the {@link #reserialize re-serialized} body must be rejected. A gateway that signs the parsed field
   * values instead (PayU's reverse hash over the callback's form fields) returns false; then the TCK checks
   * that a re-serialized body verifies to the same event, and that tampering with any signed value is still
   * rejected.
   */
  protected boolean webhookSignatureCoversRawBytes() {
    return true;
  }

  /**
   * The signed webhook with its signature taken away. The default keeps the body and drops every header
   * (sending only {@code Content-Type: application/json}); a gateway that carries the signature in the body
   * (PayU's {@code hash} form field) removes it from the body instead.
   */
  protected TestWebhook withoutSignature(TestWebhook signed) {
    return new TestWebhook(signed.body(), Map.of("Content-Type", "application/json"));
  }

  /**
   * The TCK's WireMock server, for hooks outside {@link #arrange} (e.g. a {@link #signWebhook} that stubs a
   * remote verification API).
   *
   * @throws IllegalStateException when {@link #usesHttp()} is false
   */
  protected final WireMockServer wireMockServer() {
    if (wireMock == null) {
      throw new IllegalStateException("usesHttp() is false: there is no WireMock server");
    }
    return wireMock;
  }

  /**
   * The read timeout the gateway is built with in this test class, also handed to {@link #arrange} through
   * {@link ScenarioContext#clientTimeout()}. Defaults to {@link #CLIENT_TIMEOUT}; raise it when a cold first
   * request on a busy machine could otherwise be misread as a timeout. The timeout scenario follows it.
   */
  protected Duration clientTimeout() {
    return CLIENT_TIMEOUT;
  }

  /**
   * How late the timeout scenario answers; must be safely past {@link #clientTimeout()}. Defaults to two
   * seconds past it, which with the default timeout is {@link #DELAY_PAST_TIMEOUT}.
   */
  protected Duration delayPastTimeout() {
    return clientTimeout().plus(Duration.ofSeconds(2));
  }

  /**
   * The currency of the money-path, idempotency, fault and webhook tests: they pay 100 and refund or capture
   * 40 major units of it. Defaults to EUR; a gateway that does not settle EUR (PayU settles INR) overrides it.
   */
  protected Currency primaryCurrency() {
    return Money.currency("EUR");
  }

  /**
   * The step, in minor units, every test amount in {@code currency} is a multiple of; the TCK rounds its amounts
   * down to it. Defaults to 1. A gateway that takes, say, three-decimal currencies only with a last digit of 0
   * returns 10 for them and can then declare them supported.
   */
  protected long amountGranularity(Currency currency) {
    return 1;
  }

  /** The clock the gateway and webhook timestamps use: fixed at {@link #NOW}. */
  protected Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  // ---------------------------------------------------------------- lifecycle

  @BeforeAll
  void startWireMock() {
    if (usesHttp()) {
      wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      wireMock.start();
    }
  }

  @AfterAll
  void stopWireMock() {
    if (wireMock != null) {
      wireMock.stop();
    }
  }

  @BeforeEach
  void resetWireMock() {
    if (wireMock != null) {
      wireMock.resetAll();
    }
  }

  // ---------------------------------------------------------------- capabilities and validation

  @Test
  void declares_the_expected_capabilities() {
    PaymentGateway gateway = createGateway(environment(wireMockUrl()));
    assertThat(gateway.capabilities()).isEqualTo(expectedCapabilities());
    assertThat(gateway.id()).matches("[a-z][a-z0-9_-]*");
    assertThat(gateway.displayName()).isNotBlank();
  }

  @Test
  void refuses_zero_and_negative_amounts_without_sending() {
    Fixture f = fixture(GatewayScenario.AUTHORIZE_CAPTURE_REFUND, primaryAmount(), primaryPartial());
    Currency eur = primaryCurrency();
    assertThatThrownBy(() -> f.gateway.purchase(payment(f.method, Money.zero(eur))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> f.gateway.purchase(payment(f.method, Money.ofMinor(-100, eur))))
        .isInstanceOf(ValidationException.class);
    if (expectedCapabilities().manualCapture()) {
      assertThatThrownBy(() -> f.gateway.authorize(payment(f.method, Money.zero(eur))))
          .isInstanceOf(ValidationException.class);
    }
    assertThat(requestsReceived()).as("requests sent for invalid amounts").isZero();
  }

  @Test
  void refuses_amounts_above_the_declared_maximum_without_sending() {
    Map<Currency, Money> maxima = expectedCapabilities().maxAmounts();
    Fixture f = fixture(GatewayScenario.AUTHORIZE_CAPTURE_REFUND, primaryAmount(), primaryPartial());
    for (Money max : maxima.values()) {
      Money above = max.plus(Money.ofMinor(1, max.currency()));
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> f.gateway.purchase(payment(f.method, above)));
      assertThat(e).as("purchase of %s above the maximum %s", above, max).isNotNull();
    }
    assertThat(requestsReceived()).as("requests sent for amounts above the maximum").isZero();
  }

  @Test
  void refuses_an_unsupported_currency_without_sending() {
    Optional<Currency> unsupported = PROBE_CURRENCIES.stream().map(Money::currency)
        .filter(c -> !expectedCapabilities().supports(c)).findFirst();
    assumeTrue(unsupported.isPresent(), "the gateway settles every probed currency");
    Fixture f = fixture(GatewayScenario.AUTHORIZE_CAPTURE_REFUND, primaryAmount(), primaryPartial());
    Money amount = Money.ofMinor(1000, unsupported.get());
    assertThatThrownBy(() -> f.gateway.purchase(payment(f.method, amount)))
        .isInstanceOf(UnsupportedFeatureException.class);
    assertThat(requestsReceived()).isZero();
  }

  // ---------------------------------------------------------------- money paths

  @Test
  void authorizes_captures_and_refunds_in_full() {
    assertFullCycle(primaryAmount(), primaryPartial());
  }

  @Test
  void purchases_and_refunds_in_full() {
    Fixture f = fixture(GatewayScenario.PURCHASE_REFUND, primaryAmount(), primaryPartial());
    GatewayResult purchased = f.gateway.purchase(payment(f.method, primaryAmount()));
    assertSuccess(purchased, primaryAmount());
    GatewayResult refunded = f.gateway.refund(new RefundRequest(
        credentials(), IdempotencyKey.random(), reference(purchased), primaryAmount(), primaryAmount()));
    assertSuccess(refunded, primaryAmount());
  }

  @Test
  void partial_capture_works_or_is_refused_as_declared() {
    GatewayCapabilities caps = expectedCapabilities();
    Fixture f = fixture(GatewayScenario.PARTIAL_CAPTURE, primaryAmount(), primaryPartial());
    if (!caps.manualCapture()) {
      assertThatThrownBy(() -> f.gateway.authorize(payment(f.method, primaryAmount())))
          .isInstanceOf(UnsupportedFeatureException.class);
      assertThat(requestsReceived()).isZero();
      return;
    }
    if (!caps.partialCapture()) {
      assertThatThrownBy(() -> f.gateway.capture(new CaptureRequest(
              credentials(), IdempotencyKey.random(), "tck-ref-never-sent", primaryPartial(), primaryAmount())))
          .isInstanceOf(UnsupportedFeatureException.class);
      assertThat(requestsReceived()).isZero();
      return;
    }
    GatewayResult authorized = f.gateway.authorize(payment(f.method, primaryAmount()));
    assertSuccess(authorized, primaryAmount());
    GatewayResult captured = f.gateway.capture(new CaptureRequest(
        credentials(), IdempotencyKey.random(), reference(authorized), primaryPartial(), primaryAmount()));
    assertSuccess(captured, primaryPartial());
  }

  @Test
  void partial_refund_works_or_is_refused_as_declared() {
    Fixture f = fixture(GatewayScenario.PARTIAL_REFUND, primaryAmount(), primaryPartial());
    if (!expectedCapabilities().partialRefund()) {
      assertThatThrownBy(() -> f.gateway.refund(new RefundRequest(
              credentials(), IdempotencyKey.random(), "tck-ref-never-sent", primaryPartial(), primaryAmount())))
          .isInstanceOf(UnsupportedFeatureException.class);
      assertThat(requestsReceived()).isZero();
      return;
    }
    GatewayResult purchased = f.gateway.purchase(payment(f.method, primaryAmount()));
    assertSuccess(purchased, primaryAmount());
    GatewayResult refunded = f.gateway.refund(new RefundRequest(
        credentials(), IdempotencyKey.random(), reference(purchased), primaryPartial(), primaryAmount()));
    assertSuccess(refunded, primaryPartial());
  }

  @Test
  void void_works_or_is_refused_as_declared() {
    Fixture f = fixture(GatewayScenario.AUTHORIZE_VOID, primaryAmount(), primaryPartial());
    if (!expectedCapabilities().voidAuthorization()) {
      assertThatThrownBy(() -> f.gateway.voidAuthorization(
              new VoidRequest(credentials(), IdempotencyKey.random(), "tck-ref-never-sent")))
          .isInstanceOf(UnsupportedFeatureException.class);
      assertThat(requestsReceived()).isZero();
      return;
    }
    GatewayResult authorized = f.gateway.authorize(payment(f.method, primaryAmount()));
    assertSuccess(authorized, primaryAmount());
    GatewayResult voided = f.gateway.voidAuthorization(
        new VoidRequest(credentials(), IdempotencyKey.random(), reference(authorized)));
    assertThat(voided.outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void a_decline_carries_the_gateway_code() {
    Fixture f = fixture(GatewayScenario.DECLINE, primaryAmount(), primaryPartial());
    GatewayResult result = initial(f, primaryAmount());
    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).hasValueSatisfying(code -> assertThat(code).isNotBlank());
    assertThat(result.amount()).isEmpty();
  }

  @Test
  void a_redirect_is_pending_with_a_next_action() {
    assumeTrue(expectedCapabilities().redirects(), "the gateway declares no redirects");
    Fixture f = fixture(GatewayScenario.REDIRECT, primaryAmount(), primaryPartial());
    GatewayResult result = initial(f, primaryAmount());
    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.gatewayReference()).isPresent();
    assertThat(result.nextAction()).hasValueSatisfying(a -> assertThat(a.value()).isNotBlank());
  }

  @Test
  void fetch_status_reports_a_settled_authorization() {
    Fixture f = fixture(GatewayScenario.STATUS_AFTER_AUTHORIZE, primaryAmount(), primaryPartial());
    IdempotencyKey key = IdempotencyKey.random();
    GatewayOperation operation =
        expectedCapabilities().manualCapture() ? GatewayOperation.AUTHORIZE : GatewayOperation.PURCHASE;
    PaymentRequest request = payment(f.method, primaryAmount()).toBuilder().idempotencyKey(key).build();
    GatewayResult first = operation == GatewayOperation.AUTHORIZE ? f.gateway.authorize(request) : f.gateway.purchase(request);
    assertSuccess(first, primaryAmount());
    GatewayResult status = f.gateway.fetchStatus(
        new StatusRequest(credentials(), key, operation, first.gatewayReference(), primaryAmount()));
    assertThat(status.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(status.gatewayReference()).isEqualTo(first.gatewayReference());
  }

  // ---------------------------------------------------------------- idempotency

  @Test
  void forwards_the_idempotency_key_on_every_money_moving_request() {
    Fixture f = fixture(GatewayScenario.PURCHASE_REFUND, primaryAmount(), primaryPartial());
    IdempotencyKey purchaseKey = IdempotencyKey.of("tck-purchase-" + System.nanoTime());
    IdempotencyKey refundKey = IdempotencyKey.of("tck-refund-" + System.nanoTime());
    GatewayResult purchased = f.gateway.purchase(
        payment(f.method, primaryAmount()).toBuilder().idempotencyKey(purchaseKey).build());
    assertSuccess(purchased, primaryAmount());
    assertSuccess(f.gateway.refund(new RefundRequest(
        credentials(), refundKey, reference(purchased), primaryAmount(), primaryAmount())), primaryAmount());

    String purchaseOnTheWire = forwardedKey(purchaseKey, GatewayOperation.PURCHASE);
    String refundOnTheWire = forwardedKey(refundKey, GatewayOperation.REFUND);
    List<String> forwarded = forwardedIdempotencyKeys();
    assertThat(forwarded).as("keys on money-moving requests").doesNotContain("");
    assertThat(forwarded).contains(purchaseOnTheWire, refundOnTheWire);
    assertThat(forwarded.indexOf(purchaseOnTheWire)).isLessThan(forwarded.indexOf(refundOnTheWire));
  }

  @Test
  void the_same_idempotency_key_gives_the_same_outcome() {
    Fixture f = fixture(GatewayScenario.PURCHASE_REFUND, primaryAmount(), primaryPartial());
    PaymentRequest request = payment(f.method, primaryAmount());
    GatewayResult first = f.gateway.purchase(request);
    GatewayResult again = f.gateway.purchase(request);
    assertSuccess(first, primaryAmount());
    assertThat(again).isEqualTo(first);
    assertThat(forwardedIdempotencyKeys())
        .contains(forwardedKey(request.idempotencyKey(), GatewayOperation.PURCHASE)).doesNotContain("");
  }

  // ---------------------------------------------------------------- currencies

  @Test
  void handles_zero_decimal_jpy_exactly_or_refuses_it() {
    currencyCase(granular(JPY_AMOUNT), granular(JPY_PARTIAL));
  }

  @Test
  void handles_three_decimal_kwd_exactly_or_refuses_it() {
    currencyCase(granular(KWD_AMOUNT), granular(KWD_PARTIAL));
  }

  private void currencyCase(Money amount, Money partial) {
    if (!expectedCapabilities().supports(amount.currency())) {
      Fixture f = fixture(GatewayScenario.AUTHORIZE_CAPTURE_REFUND, amount, partial);
      assertThatThrownBy(() -> f.gateway.purchase(payment(f.method, amount)))
          .isInstanceOf(UnsupportedFeatureException.class);
      assertThat(requestsReceived()).isZero();
      return;
    }
    assertFullCycle(amount, partial);
  }

  // ---------------------------------------------------------------- faults

  @Test
  void a_response_later_than_the_client_timeout_is_unknown() {
    assertUnknown(GatewayScenario.TIMEOUT);
  }

  @Test
  void an_http_500_is_unknown() {
    assertUnknown(GatewayScenario.SERVER_ERROR);
  }

  @Test
  void a_connection_reset_after_sending_is_unknown() {
    assertUnknown(GatewayScenario.CONNECTION_RESET);
  }

  @Test
  void a_refused_connection_is_a_never_sent_failure() {
    URI refused = refusedUrl();
    ScenarioContext ctx = context(GatewayScenario.CONNECTION_REFUSED, primaryAmount(), primaryPartial(), refused);
    PaymentMethod method = arrange(GatewayScenario.CONNECTION_REFUSED, ctx);
    PaymentGateway gateway = createGateway(environment(refused));
    GatewayUnreachableException e = catchThrowableOfType(GatewayUnreachableException.class,
        () -> gateway.purchase(payment(method, primaryAmount())));
    assertThat(e).as("a refused connection must throw GatewayUnreachableException").isNotNull();
    assertThat(e.code()).isEqualTo(GatewayUnreachableException.CODE);
    assertThat(e.isRetriable()).isTrue();
    assertThat(e.gatewayId()).isEqualTo(gateway.id());
  }

  private void assertUnknown(GatewayScenario scenario) {
    Fixture f = fixture(scenario, primaryAmount(), primaryPartial());
    GatewayResult result = f.gateway.purchase(payment(f.method, primaryAmount()));
    assertThat(result.outcome()).as("%s must be UNKNOWN: the charge may have happened", scenario)
        .isEqualTo(Outcome.UNKNOWN);
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).isNotBlank());
  }

  // ---------------------------------------------------------------- webhooks

  @Test
  void accepts_a_valid_webhook() {
    WebhookSpec spec = spec("evt_tck_valid", NOW);
    WebhookEvent event = verify(signWebhook(spec));
    assertThat(event.eventId()).isEqualTo(spec.eventId());
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
    assertThat(event.gatewayReference()).contains(spec.gatewayReference());
    assertThat(event.amount()).contains(spec.amount());
  }

  @Test
  void rejects_a_webhook_with_a_tampered_body() {
    TestWebhook signed = signWebhook(spec("evt_tck_tampered", NOW));
    byte[] body = signed.body();
    tamper(body);
    assertRejected(new TestWebhook(body, signed.headers()), WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void rejects_a_webhook_signed_with_the_wrong_secret() {
    WebhookSpec good = spec("evt_tck_wrong_secret", NOW);
    WebhookSpec wrong = new WebhookSpec(good.eventId(), good.type(), good.gatewayReference(), good.amount(),
        webhookSecret() + "-but-wrong", good.signedAt());
    assertRejected(signWebhook(wrong), WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void rejects_a_webhook_without_its_signature_headers() {
    TestWebhook signed = signWebhook(spec("evt_tck_unsigned", NOW));
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(withoutSignature(signed)));
    assertThat(e).isNotNull();
    assertThat(e.code()).isIn(WebhookRejectedException.SIGNATURE_MISSING, WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void rejects_a_stale_webhook() {
    Duration tolerance = toleranceOrSkip();
    Instant stale = NOW.minus(tolerance).minusSeconds(60);
    assertRejected(signWebhook(spec("evt_tck_stale", stale)), WebhookRejectedException.TIMESTAMP_OUT_OF_TOLERANCE);
  }

  @Test
  void rejects_a_webhook_from_the_future() {
    Duration tolerance = toleranceOrSkip();
    Instant future = NOW.plus(tolerance).plusSeconds(60);
    assertRejected(signWebhook(spec("evt_tck_future", future)), WebhookRejectedException.TIMESTAMP_OUT_OF_TOLERANCE);
  }

  @Test
  void accepts_webhooks_just_inside_the_tolerance_both_ways() {
    Duration tolerance = toleranceOrSkip();
    assertThat(verify(signWebhook(spec("evt_tck_old_ok", NOW.minus(tolerance).plusSeconds(5)))).eventId())
        .isEqualTo("evt_tck_old_ok");
    assertThat(verify(signWebhook(spec("evt_tck_new_ok", NOW.plus(tolerance).minusSeconds(5)))).eventId())
        .isEqualTo("evt_tck_new_ok");
  }

  @Test
  void rejects_a_reserialized_webhook_body() {
    assumeTrue(webhookSignatureCoversRawBytes(), "the gateway signs parsed field values, not the raw bytes");
    TestWebhook signed = signWebhook(spec("evt_tck_reserialized", NOW));
    byte[] reserialized = reserialize(signed.body());
    assertThat(reserialized).as("reserialize() must change the bytes").isNotEqualTo(signed.body());
    assertRejected(new TestWebhook(reserialized, signed.headers()), WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void a_reserialized_webhook_body_verifies_to_the_same_event_when_values_are_signed() {
    assumeTrue(!webhookSignatureCoversRawBytes(), "the gateway signs the raw bytes");
    TestWebhook signed = signWebhook(spec("evt_tck_reencoded", NOW));
    byte[] reserialized = reserialize(signed.body());
    assertThat(reserialized).as("reserialize() must change the bytes").isNotEqualTo(signed.body());
    assertThat(verify(new TestWebhook(reserialized, signed.headers()))).isEqualTo(verify(signed));
  }

  @Test
  void a_redelivered_webhook_keeps_its_event_id() {
    WebhookEvent first = verify(signWebhook(spec("evt_tck_duplicate", NOW)));
    WebhookEvent again = verify(signWebhook(spec("evt_tck_duplicate", NOW.plusSeconds(30))));
    assertThat(again.eventId()).isEqualTo(first.eventId()).isEqualTo("evt_tck_duplicate");
    assertThat(again.gatewayReference()).isEqualTo(first.gatewayReference());
  }

  // ---------------------------------------------------------------- helpers

  private Money primaryAmount() {
    return majorUnits(100);
  }

  private Money primaryPartial() {
    return majorUnits(40);
  }

  private Money majorUnits(long units) {
    Currency currency = primaryCurrency();
    long minor = units;
    for (int i = 0; i < Math.max(0, currency.getDefaultFractionDigits()); i++) {
      minor *= 10;
    }
    return granular(Money.ofMinor(minor, currency));
  }

  private Money granular(Money amount) {
    long step = amountGranularity(amount.currency());
    if (step < 1) {
      throw new IllegalStateException("amountGranularity must be at least 1, got " + step);
    }
    return Money.ofMinor(amount.minorUnits() - amount.minorUnits() % step, amount.currency());
  }

  private void assertFullCycle(Money amount, Money partial) {
    Fixture f = fixture(GatewayScenario.AUTHORIZE_CAPTURE_REFUND, amount, partial);
    if (!expectedCapabilities().manualCapture()) {
      assertThatThrownBy(() -> f.gateway.authorize(payment(f.method, amount)))
          .isInstanceOf(UnsupportedFeatureException.class);
      assertThat(requestsReceived()).isZero();
      return;
    }
    GatewayResult authorized = f.gateway.authorize(payment(f.method, amount));
    assertSuccess(authorized, amount);
    GatewayResult captured = f.gateway.capture(new CaptureRequest(
        credentials(), IdempotencyKey.random(), reference(authorized), amount, amount));
    assertSuccess(captured, amount);
    GatewayResult refunded = f.gateway.refund(new RefundRequest(
        credentials(), IdempotencyKey.random(), reference(captured), amount, amount));
    assertSuccess(refunded, amount);
  }

  private GatewayResult initial(Fixture f, Money amount) {
    PaymentRequest request = payment(f.method, amount);
    return expectedCapabilities().manualCapture() ? f.gateway.authorize(request) : f.gateway.purchase(request);
  }

  private static void assertSuccess(GatewayResult result, Money amount) {
    assertThat(result.outcome()).as("outcome of %s", result).isEqualTo(Outcome.SUCCESS);
    assertThat(result.amount()).as("amount of %s", result).contains(amount);
    assertThat(result.gatewayReference()).isPresent();
  }

  private static String reference(GatewayResult result) {
    return result.gatewayReference().orElseThrow(() -> new AssertionError("no gateway reference in " + result));
  }

  private PaymentRequest payment(PaymentMethod method, Money amount) {
    return PaymentRequest.builder()
        .credentials(credentials())
        .idempotencyKey(IdempotencyKey.random())
        .amount(amount)
        .paymentMethod(method)
        .merchantReference("tck-order-1")
        .description("TCK payment")
        .returnUrl(URI.create("https://shop.example/return"))
        .build();
  }

  private Fixture fixture(GatewayScenario scenario, Money amount, Money partial) {
    URI base = wireMockUrl();
    ScenarioContext ctx = context(scenario, amount, partial, base);
    PaymentMethod method = arrange(scenario, ctx);
    return new Fixture(createGateway(environment(base)), method);
  }

  private ScenarioContext context(GatewayScenario scenario, Money amount, Money partial, URI base) {
    return new ScenarioContext(scenario, amount, partial, wireMock, base, clientTimeout(), delayPastTimeout());
  }

  private GatewayEnvironment environment(URI base) {
    return new GatewayEnvironment(base, clientTimeout(), clock());
  }

  private URI wireMockUrl() {
    return wireMock == null ? URI.create("http://127.0.0.1:9") : URI.create("http://127.0.0.1:" + wireMock.port());
  }

  private List<LoggedRequest> recordedRequests() {
    if (wireMock == null) {
      throw new IllegalStateException("usesHttp() is false: override forwardedIdempotencyKeys() and requestsReceived()");
    }
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : wireMock.getAllServeEvents()) {
      requests.add(event.getRequest());
    }
    requests.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
    return requests;
  }

  private static URI refusedUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private WebhookSpec spec(String eventId, Instant signedAt) {
    return new WebhookSpec(eventId, WebhookEventType.PAYMENT_CAPTURED, "tck_ref_4711", primaryAmount(), webhookSecret(),
        signedAt);
  }

  private WebhookEvent verify(TestWebhook webhook) {
    PaymentGateway gateway = createGateway(environment(wireMockUrl()));
    return gateway.verifyAndParseWebhook(
        WebhookRequest.of(webhook.body(), ReceivedHeaders.of(webhook.headers()), credentials()));
  }

  private void assertRejected(TestWebhook webhook, String code) {
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class, () -> verify(webhook));
    assertThat(e).as("the webhook must be rejected with %s", code).isNotNull();
    assertThat(e.code()).isEqualTo(code);
  }

  private Duration toleranceOrSkip() {
    Optional<Duration> tolerance = webhookTimestampTolerance();
    assumeTrue(tolerance.isPresent(), "the gateway's webhooks carry no signed timestamp");
    return tolerance.get();
  }

  /** Changes one letter or digit near the middle of the body, keeping its length. */
  private static void tamper(byte[] body) {
    for (int i = body.length / 2; i < body.length + body.length / 2; i++) {
      int at = i % body.length;
      byte b = body[at];
      if (b >= '0' && b <= '9') {
        body[at] = (byte) (b == '9' ? '0' : b + 1);
        return;
      }
      if ((b >= 'a' && b < 'z') || (b >= 'A' && b < 'Z')) {
        body[at] = (byte) (b + 1);
        return;
      }
    }
    throw new IllegalStateException("Nothing to tamper with in " + Arrays.toString(body));
  }

  private record Fixture(PaymentGateway gateway, PaymentMethod method) {}
}
