package dev.bizo.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayBuilder;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewaySettings;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.TimestampedSignatureScheme;
import dev.bizo.payments.spi.TransportFailures;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookRequest;
import dev.bizo.payments.stripe.internal.StripeAmounts;
import dev.bizo.payments.stripe.internal.StripeWebhookParser;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe as a {@link PaymentGateway}, on stripe-java's {@link StripeClient} and the PaymentIntents API.
 *
 * <ul>
 *   <li>{@link #authorize} creates and confirms a PaymentIntent with {@code capture_method=manual};
 *       {@link #purchase} with {@code automatic}. The {@link dev.bizo.payments.spi.PaymentMethod} token is a
 *       Stripe PaymentMethod id ({@code pm_…}).</li>
 *   <li>{@link #capture} sends {@code amount_to_capture} (partial captures release the rest),
 *       {@link #voidAuthorization} cancels the PaymentIntent, {@link #refund} creates a Refund against it.</li>
 *   <li>Every money-moving request carries the platform's idempotency key as {@code Idempotency-Key}, and
 *       the create call also stores it in the PaymentIntent's {@code metadata[bizo_idempotency_key]}.</li>
 *   <li>{@code requires_action} (3-D Secure) is PENDING with the redirect URL, or the client secret when
 *       Stripe.js must handle the action in page.</li>
 *   <li>A {@code card_error} is DECLINED with Stripe's {@code decline_code} (or {@code code}); timeouts,
 *       5xx and resets are UNKNOWN; a refused connection throws {@link GatewayUnreachableException}.</li>
 *   <li>Webhooks are checked with the {@code Stripe-Signature} scheme in both time directions, accepting any
 *       {@code v1} entry under either the tenant's current or previous signing secret.</li>
 * </ul>
 *
 * <h2>Credentials</h2>
 * {@value #SECRET_KEY} (the {@code sk_…} API key), {@value #WEBHOOK_SECRET} (the {@code whsec_…} endpoint
 * secret) and, during a secret rotation, {@value #PREVIOUS_WEBHOOK_SECRET}.
 *
 * <h2>Currencies</h2>
 * The three-decimal currencies (BHD, JOD, KWD, OMR, TND), which Stripe counts in thousandths but only in
 * multiples of ten, and ISK, HUF, TWD and UGX, whose Stripe unit differs from ISO 4217, are refused with
 * {@code gateway.currency_unsupported} rather than rounded.
 */
public final class StripeGateway implements PaymentGateway {

  /** The gateway id. */
  public static final String ID = "stripe";

  /** Credential name of the secret API key. */
  public static final String SECRET_KEY = "secret_key";

  /** Credential name of the webhook endpoint signing secret. */
  public static final String WEBHOOK_SECRET = "webhook_secret";

  /** Credential name of the previous webhook secret, still accepted while a rotation is under way. */
  public static final String PREVIOUS_WEBHOOK_SECRET = "webhook_secret_previous";

  /** Stripe's production API base. */
  public static final URI DEFAULT_API_BASE = URI.create("https://api.stripe.com");

  /** The metadata key the create call stores the idempotency key under, for lookups after a timeout. */
  public static final String IDEMPOTENCY_METADATA = "bizo_idempotency_key";

  /** Stripe's per-charge limit is eight digits of the currency's unit. */
  private static final long MAX_STRIPE_AMOUNT = 99_999_999L;

  private static final List<String> CURRENCIES = List.of(
      "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "SGD", "HKD", "MXN",
      "BRL", "INR", "JPY", "KRW");

  private static final Logger LOG = LoggerFactory.getLogger(StripeGateway.class);

  private final GatewaySettings settings;
  private final TimestampedSignatureScheme webhookScheme;
  private final GatewayCapabilities capabilities;

  /** Production defaults: api.stripe.com, 10 s connect and 30 s read timeouts, the system clock. */
  public StripeGateway() {
    this(builder().settings());
  }

  private StripeGateway(GatewaySettings settings) {
    this.settings = settings;
    this.webhookScheme = new TimestampedSignatureScheme("Stripe-Signature", settings.tolerance());
    this.capabilities = declaredCapabilities();
  }

  /** Starts a gateway with production defaults, to point elsewhere or tune timeouts. */
  public static Builder builder() {
    return new Builder();
  }

  /** What this gateway declares: manual and partial capture, partial refunds, void, 3-D Secure, 19 currencies. */
  public static GatewayCapabilities declaredCapabilities() {
    GatewayCapabilities.Builder caps = GatewayCapabilities.builder()
        .manualCapture(true).partialCapture(true).partialRefund(true).voidAuthorization(true).redirects(true)
        .currencies(CURRENCIES.toArray(String[]::new));
    for (String currency : CURRENCIES) {
      caps.maxAmount(Money.ofMinor(MAX_STRIPE_AMOUNT, currency));
    }
    return caps.build();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Stripe";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    capabilities.requireManualCapture();
    return create(request, PaymentIntentCreateParams.CaptureMethod.MANUAL, GatewayOperation.AUTHORIZE);
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    return create(request, PaymentIntentCreateParams.CaptureMethod.AUTOMATIC, GatewayOperation.PURCHASE);
  }

  private GatewayResult create(
      PaymentRequest request, PaymentIntentCreateParams.CaptureMethod captureMethod, GatewayOperation operation) {
    capabilities.requireAcceptable("amount", request.amount());
    PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
        .setAmount(StripeAmounts.toStripe(request.amount()))
        .setCurrency(StripeAmounts.currencyCode(request.amount()))
        .setPaymentMethod(request.paymentMethod().token())
        .setConfirm(true)
        .setCaptureMethod(captureMethod)
        .putMetadata(IDEMPOTENCY_METADATA, request.idempotencyKey().value());
    request.returnUrl().ifPresent(url -> params.setReturnUrl(url.toString()));
    request.description().ifPresent(params::setDescription);
    request.merchantReference().ifPresent(ref -> params.putMetadata("merchant_reference", ref));
    request.metadata().forEach(params::putMetadata);
    StripeClient client = client(request.credentials());
    return call(operation, request.idempotencyKey(), null,
        () -> intentResult(operation, client.v1().paymentIntents().create(params.build(), options(request.idempotencyKey()))));
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    capabilities.requireCapture(request.amount(), request.authorizedAmount());
    PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder()
        .setAmountToCapture(StripeAmounts.toStripe(request.amount()))
        .build();
    StripeClient client = client(request.credentials());
    return call(GatewayOperation.CAPTURE, request.idempotencyKey(), request.gatewayReference(),
        () -> intentResult(GatewayOperation.CAPTURE, client.v1().paymentIntents()
            .capture(request.gatewayReference(), params, options(request.idempotencyKey()))));
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    capabilities.requireVoid();
    StripeClient client = client(request.credentials());
    return call(GatewayOperation.VOID, request.idempotencyKey(), request.gatewayReference(),
        () -> intentResult(GatewayOperation.VOID, client.v1().paymentIntents()
            .cancel(request.gatewayReference(), options(request.idempotencyKey()))));
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    capabilities.requireRefund(request.amount(), request.capturedAmount());
    RefundCreateParams params = RefundCreateParams.builder()
        .setPaymentIntent(request.gatewayReference())
        .setAmount(StripeAmounts.toStripe(request.amount()))
        .putMetadata(IDEMPOTENCY_METADATA, request.idempotencyKey().value())
        .build();
    StripeClient client = client(request.credentials());
    return call(GatewayOperation.REFUND, request.idempotencyKey(), request.gatewayReference(),
        () -> refundResult(client.v1().refunds().create(params, options(request.idempotencyKey()))));
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    Optional<String> reference = request.gatewayReference();
    StripeClient client = client(request.credentials());
    RequestOptions options = RequestOptions.builder().build();
    if (reference.isEmpty()) {
      if (request.operation() != GatewayOperation.AUTHORIZE && request.operation() != GatewayOperation.PURCHASE) {
        return GatewayResult.unknown(null, "no Stripe reference known for this " + request.operation());
      }
      return call(request.operation(), null, null, () -> searchByKey(client, request, options));
    }
    String ref = reference.get();
    if (request.operation() == GatewayOperation.REFUND) {
      if (!ref.startsWith("re_")) {
        return GatewayResult.unknown(ref, "a refund is looked up by its re_ reference");
      }
      return call(GatewayOperation.REFUND, null, ref, () -> refundResult(client.v1().refunds().retrieve(ref, options)));
    }
    return call(request.operation(), null, ref,
        () -> statusResult(request.operation(), client.v1().paymentIntents().retrieve(ref, options)));
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    List<String> secrets = new ArrayList<>();
    secrets.add(request.credentials().require(WEBHOOK_SECRET));
    request.credentials().find(PREVIOUS_WEBHOOK_SECRET).filter(s -> !s.isEmpty()).ifPresent(secrets::add);
    webhookScheme.verify(request, secrets);
    return StripeWebhookParser.parse(request.rawBody());
  }

  /**
   * Finds the PaymentIntent a timed-out create made, by the key stored in its metadata. Stripe's search
   * index lags by up to a minute, so "not found" is UNKNOWN, never DECLINED: the platform asks again later.
   */
  private static GatewayResult searchByKey(StripeClient client, StatusRequest request, RequestOptions options)
      throws StripeException {
    String key = request.idempotencyKey().value().replace("\\", "\\\\").replace("'", "\\'");
    PaymentIntentSearchParams params = PaymentIntentSearchParams.builder()
        .setQuery("metadata['" + IDEMPOTENCY_METADATA + "']:'" + key + "'")
        .setLimit(1L)
        .build();
    List<PaymentIntent> found = client.v1().paymentIntents().search(params, options).getData();
    if (found == null || found.isEmpty()) {
      return GatewayResult.unknown(null, "no PaymentIntent with this key is searchable yet");
    }
    return statusResult(request.operation(), found.get(0));
  }

  // ---------------------------------------------------------------- results

  private static GatewayResult intentResult(GatewayOperation operation, PaymentIntent intent) {
    String ref = intent.getId();
    String status = Objects.toString(intent.getStatus(), "");
    switch (status) {
      case "requires_capture":
        if (operation == GatewayOperation.AUTHORIZE) {
          return GatewayResult.success(ref, money(intent.getAmountCapturable(), intent));
        }
        break;
      case "succeeded":
        if (operation != GatewayOperation.VOID && operation != GatewayOperation.AUTHORIZE) {
          return GatewayResult.success(ref, money(intent.getAmountReceived(), intent));
        }
        break;
      case "canceled":
        if (operation == GatewayOperation.VOID) {
          return GatewayResult.success(ref, money(intent.getAmount(), intent));
        }
        return GatewayResult.declined(ref, Objects.toString(intent.getCancellationReason(), "canceled"),
            "The PaymentIntent was canceled");
      case "requires_action":
        return GatewayResult.pending(ref, nextAction(intent));
      case "processing":
        return GatewayResult.pending(ref, null);
      case "requires_payment_method":
        return declinedByLastError(intent);
      default:
        break;
    }
    return GatewayResult.unknown(ref, "unexpected PaymentIntent status '" + status + "' after " + operation);
  }

  private static GatewayResult statusResult(GatewayOperation operation, PaymentIntent intent) {
    String status = Objects.toString(intent.getStatus(), "");
    if (operation == GatewayOperation.AUTHORIZE && status.equals("succeeded")) {
      return GatewayResult.success(intent.getId(), money(intent.getAmount(), intent));
    }
    if (operation == GatewayOperation.CAPTURE && status.equals("requires_capture")) {
      return GatewayResult.unknown(intent.getId(), "the authorization is not captured yet");
    }
    return intentResult(operation, intent);
  }

  private static NextAction nextAction(PaymentIntent intent) {
    PaymentIntent.NextAction action = intent.getNextAction();
    if (action != null && action.getRedirectToUrl() != null && action.getRedirectToUrl().getUrl() != null) {
      return NextAction.redirect(URI.create(action.getRedirectToUrl().getUrl()));
    }
    if (intent.getClientSecret() != null) {
      return NextAction.clientSecret(intent.getClientSecret());
    }
    return null;
  }

  private static GatewayResult declinedByLastError(PaymentIntent intent) {
    StripeError error = intent.getLastPaymentError();
    String code = error == null ? "requires_payment_method"
        : firstNonBlank(error.getDeclineCode(), error.getCode(), "requires_payment_method");
    String message = error == null ? "The payment method was refused" : Objects.toString(error.getMessage(), "");
    return GatewayResult.declined(intent.getId(), code, message);
  }

  private static GatewayResult refundResult(Refund refund) {
    String status = Objects.toString(refund.getStatus(), "");
    switch (status) {
      case "succeeded":
        return GatewayResult.success(refund.getId(), StripeAmounts.fromStripe(refund.getAmount(), refund.getCurrency()));
      case "pending":
      case "requires_action":
        return GatewayResult.pending(refund.getId(), null);
      case "failed":
      case "canceled":
        return GatewayResult.declined(refund.getId(), Objects.toString(refund.getFailureReason(), status),
            "The refund " + status);
      default:
        return GatewayResult.unknown(refund.getId(), "unexpected refund status '" + status + "'");
    }
  }

  private static Money money(Long amount, PaymentIntent intent) {
    return StripeAmounts.fromStripe(amount == null ? 0L : amount, intent.getCurrency());
  }

  // ---------------------------------------------------------------- transport

  private StripeClient client(GatewayCredentials credentials) {
    return StripeClient.builder()
        .setApiKey(credentials.require(SECRET_KEY))
        .setApiBase(settings.apiBase().toString().replaceAll("/+$", ""))
        .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
        .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
        .setMaxNetworkRetries(0) // the platform owns retries and reconciliation
        .build();
  }

  private static RequestOptions options(IdempotencyKey key) {
    return RequestOptions.builder().setIdempotencyKey(key.value()).build();
  }

  private GatewayResult call(GatewayOperation operation, IdempotencyKey key, String knownReference, StripeCall call) {
    GatewayResult result = invoke(knownReference, call);
    LOG.debug("stripe {} key={} ref={} -> {}", operation, key, knownReference, result.outcome());
    return result;
  }

  private GatewayResult invoke(String knownReference, StripeCall call) {
    try {
      return call.run();
    } catch (CardException e) {
      String ref = intentId(e).orElse(knownReference);
      return GatewayResult.declined(ref, firstNonBlank(e.getDeclineCode(), e.getCode(), "card_declined"),
          Objects.toString(e.getStripeError() == null ? null : e.getStripeError().getMessage(), "card declined"));
    } catch (ApiConnectionException e) {
      if (TransportFailures.provesNeverSent(e)) {
        throw new GatewayUnreachableException(ID, describe(e), e);
      }
      return GatewayResult.unknown(knownReference, "no answer from Stripe: " + describe(e));
    } catch (AuthenticationException e) {
      throw new ConfigurationException("gateway.authentication_failed",
          "Stripe refused the tenant's API key (HTTP " + e.getStatusCode() + ")");
    } catch (IdempotencyException e) {
      return GatewayResult.unknown(knownReference, "Stripe is still processing a request with this key");
    } catch (InvalidRequestException e) {
      return GatewayResult.declined(intentId(e).orElse(knownReference),
          firstNonBlank(e.getCode(), "invalid_request", null), "Stripe refused the request (HTTP " + e.getStatusCode() + ")");
    } catch (StripeException e) {
      return GatewayResult.unknown(knownReference,
          "Stripe answered HTTP " + e.getStatusCode() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Optional<String> intentId(StripeException e) {
    StripeError error = e.getStripeError();
    return error == null || error.getPaymentIntent() == null
        ? Optional.empty() : Optional.ofNullable(error.getPaymentIntent().getId());
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }

  private static String firstNonBlank(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    if (b != null && !b.isBlank()) {
      return b;
    }
    return fallback;
  }

  @FunctionalInterface
  private interface StripeCall {
    GatewayResult run() throws StripeException;
  }

  /**
   * Where and how a {@link StripeGateway} talks to Stripe: the {@link GatewayBuilder} settings, with
   * {@code https://api.stripe.com}, a 10 s connect and a 30 s read timeout by default.
   */
  public static final class Builder extends GatewayBuilder<Builder, StripeGateway> {

    private Builder() {
      super(DEFAULT_API_BASE, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Override
    public StripeGateway build() {
      return new StripeGateway(settings());
    }
  }
}
