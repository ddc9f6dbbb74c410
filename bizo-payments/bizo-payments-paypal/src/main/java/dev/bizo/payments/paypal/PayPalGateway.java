package dev.bizo.payments.paypal;

import com.paypal.sdk.PaypalServerSdkClient;
import com.paypal.sdk.exceptions.ApiException;
import com.paypal.sdk.http.response.ApiResponse;
import com.paypal.sdk.models.AmountWithBreakdown;
import com.paypal.sdk.models.AuthorizationStatus;
import com.paypal.sdk.models.AuthorizeOrderInput;
import com.paypal.sdk.models.CaptureAuthorizedPaymentInput;
import com.paypal.sdk.models.CaptureOrderInput;
import com.paypal.sdk.models.CapturedPayment;
import com.paypal.sdk.models.CheckoutPaymentIntent;
import com.paypal.sdk.models.CreateOrderInput;
import com.paypal.sdk.models.GetAuthorizedPaymentInput;
import com.paypal.sdk.models.GetCapturedPaymentInput;
import com.paypal.sdk.models.GetOrderInput;
import com.paypal.sdk.models.GetRefundInput;
import com.paypal.sdk.models.Order;
import com.paypal.sdk.models.OrderAuthorizeResponse;
import com.paypal.sdk.models.OrderRequest;
import com.paypal.sdk.models.OrderStatus;
import com.paypal.sdk.models.PaymentAuthorization;
import com.paypal.sdk.models.PaymentSource;
import com.paypal.sdk.models.PaypalWallet;
import com.paypal.sdk.models.PaypalWalletExperienceContext;
import com.paypal.sdk.models.PurchaseUnit;
import com.paypal.sdk.models.PurchaseUnitRequest;
import com.paypal.sdk.models.Refund;
import com.paypal.sdk.models.RefundCapturedPaymentInput;
import com.paypal.sdk.models.VoidPaymentInput;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.paypal.internal.PayPalAmounts;
import dev.bizo.payments.paypal.internal.PayPalClients;
import dev.bizo.payments.paypal.internal.PayPalErrors;
import dev.bizo.payments.paypal.internal.PayPalResults;
import dev.bizo.payments.paypal.internal.PayPalWebhookParser;
import dev.bizo.payments.paypal.internal.PayPalWebhookVerifier;
import dev.bizo.payments.paypal.internal.RequestProgress;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayBuilder;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewaySettings;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.TimestampTolerance;
import dev.bizo.payments.spi.TransportFailures;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal as a {@link PaymentGateway}, on paypal-server-sdk (Orders v2 and Payments v2).
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>With the payment-method token {@link #CHECKOUT}, {@link #authorize} and {@link #purchase} create an
 *       order (intent {@code AUTHORIZE} or {@code CAPTURE}) and return PENDING with the order id and the
 *       buyer's approval link as an {@link dev.bizo.payments.spi.NextAction.Type#APPROVAL_LINK approval link}.</li>
 *   <li>Once the buyer approved, either pay again with the order id as token, or let reconciliation do it:
 *       {@link #fetchStatus} on an approved order authorizes or captures it.</li>
 *   <li>With an order id as token, {@link #authorize} authorizes the order (SUCCESS with the authorization
 *       id) and {@link #purchase} captures it (SUCCESS with the capture id), after checking the order is
 *       for exactly the requested amount.</li>
 *   <li>{@link #capture} captures an authorization in full or in part ({@code final_capture}, so the rest
 *       is released), {@link #voidAuthorization} voids it, {@link #refund} refunds a capture in full or in
 *       part.</li>
 * </ol>
 *
 * <h2>Outcomes</h2>
 * Every money-moving request carries the platform's idempotency key as {@value #REQUEST_ID_HEADER}. A 4xx
 * answer is DECLINED with PayPal's {@code details[0].issue} (or its {@code name}) as the decline code; a
 * 401 is a {@link ConfigurationException}; 409 (a call with the same key still in progress), 5xx, read
 * timeouts and resets are UNKNOWN; a refused connection throws {@link GatewayUnreachableException}, as
 * does a failed OAuth token request, since the payment request was then never sent.
 *
 * <h2>Webhooks</h2>
 * Verified by PayPal itself through {@code POST /v1/notifications/verify-webhook-signature} with the five
 * {@code PAYPAL-*} transmission headers, the tenant's webhook id and the raw body; then the signed
 * {@code PAYPAL-TRANSMISSION-TIME} must lie within the tolerance either way.
 *
 * <h2>Credentials</h2>
 * {@value #CLIENT_ID}, {@value #CLIENT_SECRET} (the REST app's OAuth client credentials) and
 * {@value #WEBHOOK_ID} (the id PayPal gave the webhook subscription).
 */
public final class PayPalGateway implements PaymentGateway {

  /** The gateway id. */
  public static final String ID = "paypal";

  /** Credential name of the REST app's client id. */
  public static final String CLIENT_ID = "client_id";

  /** Credential name of the REST app's client secret. */
  public static final String CLIENT_SECRET = "client_secret";

  /** Credential name of the webhook subscription's id, which verification is asked against. */
  public static final String WEBHOOK_ID = "webhook_id";

  /** The payment-method token that asks for a new order for the buyer to approve. */
  public static final String CHECKOUT = "paypal_checkout";

  /** The header PayPal reads the idempotency key from. */
  public static final String REQUEST_ID_HEADER = "PayPal-Request-Id";

  /** PayPal's live API base. */
  public static final URI PRODUCTION_API_BASE = URI.create("https://api-m.paypal.com");

  /** PayPal's sandbox API base. */
  public static final URI SANDBOX_API_BASE = URI.create("https://api-m.sandbox.paypal.com");

  /** Orders v2 ids are upper-case letters and digits. */
  private static final Pattern ORDER_ID = Pattern.compile("[A-Z0-9]{8,36}");

  /** The longest {@value #REQUEST_ID_HEADER} PayPal's Orders API takes. */
  static final int MAX_REQUEST_ID = 108;

  /** PayPal's limit for {@code custom_id} and {@code description}. */
  private static final int MAX_TEXT = 127;

  private static final String REPRESENTATION = "return=representation";

  /** The issues PayPal answers when an order was authorized or captured already. */
  private static final Set<String> ALREADY_DONE = Set.of("ORDER_ALREADY_AUTHORIZED", "ORDER_ALREADY_CAPTURED");

  private static final Logger LOG = LoggerFactory.getLogger(PayPalGateway.class);

  private final PayPalClients clients;
  private final PayPalWebhookVerifier verifier;
  private final TimestampTolerance tolerance;
  private final GatewayCapabilities capabilities = declaredCapabilities();

  /** Production defaults: api-m.paypal.com, 10 s connect and 30 s read timeouts, the system clock. */
  public PayPalGateway() {
    this(builder().settings());
  }

  private PayPalGateway(GatewaySettings settings) {
    this.clients = new PayPalClients(settings);
    this.verifier = new PayPalWebhookVerifier(settings);
    this.tolerance = settings.tolerance();
  }

  /** Starts a gateway with production defaults, to point elsewhere or tune timeouts. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What this gateway declares: manual and partial capture, void, partial refunds, approval links, and the
   * currencies PayPal settles with ISO decimals. No maximum is declared: PayPal's limits depend on the
   * merchant account, and its refusal comes back DECLINED with PayPal's issue code.
   */
  public static GatewayCapabilities declaredCapabilities() {
    return GatewayCapabilities.builder()
        .manualCapture(true).partialCapture(true).partialRefund(true).voidAuthorization(true).redirects(true)
        .currencies(PayPalAmounts.CURRENCIES.toArray(String[]::new))
        .build();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "PayPal";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return capabilities;
  }

  // ---------------------------------------------------------------- operations

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    capabilities.requireManualCapture();
    return pay(request, GatewayOperation.AUTHORIZE);
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    return pay(request, GatewayOperation.PURCHASE);
  }

  private GatewayResult pay(PaymentRequest request, GatewayOperation operation) {
    capabilities.requireAcceptable("amount", request.amount());
    String token = request.paymentMethod().token();
    if (token.equals(CHECKOUT)) {
      return call(operation, request.idempotencyKey(), null, request.credentials(),
          client -> createOrder(client, request, operation));
    }
    if (!ORDER_ID.matcher(token).matches()) {
      throw ValidationException.ofField("paymentMethod", "invalid",
          "A PayPal payment method is '" + CHECKOUT + "' or the id of an order the buyer approved");
    }
    return call(operation, request.idempotencyKey(), token, request.credentials(),
        client -> completeOrder(client, token, request.amount(), request.idempotencyKey(), operation, true));
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    capabilities.requireCapture(request.amount(), request.authorizedAmount());
    return call(GatewayOperation.CAPTURE, request.idempotencyKey(), request.gatewayReference(), request.credentials(),
        client -> captureAuthorization(client, request.gatewayReference(), request.amount(), request.idempotencyKey()));
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    capabilities.requireVoid();
    return call(GatewayOperation.VOID, request.idempotencyKey(), request.gatewayReference(), request.credentials(),
        client -> voidAuthorization(client, request.gatewayReference(), request.idempotencyKey()));
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    capabilities.requireRefund(request.amount(), request.capturedAmount());
    return call(GatewayOperation.REFUND, request.idempotencyKey(), request.gatewayReference(), request.credentials(),
        client -> refundCapture(client, request.gatewayReference(), request.amount(), request.idempotencyKey()));
  }

  /**
   * Reads what became of an operation. Where PayPal offers no read (a create that timed out before an
   * order id came back) or a read cannot tell (a capture, void or refund whose own id never came back),
   * the original request is sent again with the original {@value #REQUEST_ID_HEADER}, which PayPal answers
   * with the first outcome instead of acting twice. An order the buyer has approved is authorized or
   * captured here, so a PENDING checkout settles through reconciliation alone.
   */
  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    GatewayOperation operation = request.operation();
    Optional<String> reference = request.gatewayReference();
    IdempotencyKey key = request.idempotencyKey();
    Money amount = request.amount();
    if (reference.isEmpty()) {
      if (operation == GatewayOperation.AUTHORIZE || operation == GatewayOperation.PURCHASE) {
        PaymentRequest replay = PaymentRequest.builder().credentials(request.credentials()).idempotencyKey(key)
            .amount(amount).paymentMethod(PaymentMethod.token(CHECKOUT)).build();
        return call(operation, key, null, request.credentials(), client -> createOrder(client, replay, operation));
      }
      return GatewayResult.unknown(null, "no PayPal reference known for this " + operation);
    }
    String ref = reference.get();
    return call(operation, key, ref, request.credentials(), client -> {
      return switch (operation) {
        case AUTHORIZE -> orFromOrder(ref, () -> PayPalResults.authorizationStatus(
            client.getPaymentsController().getAuthorizedPayment(new GetAuthorizedPaymentInput.Builder(ref).build())
                .getResult()), client, amount, key, operation);
        case PURCHASE -> orFromOrder(ref, () -> PayPalResults.captureResult(
            client.getPaymentsController().getCapturedPayment(new GetCapturedPaymentInput.Builder(ref).build())
                .getResult()), client, amount, key, operation);
        case CAPTURE -> orElseOnMissing(() -> PayPalResults.captureResult(client.getPaymentsController()
                .getCapturedPayment(new GetCapturedPaymentInput.Builder(ref).build()).getResult()),
            () -> captureAuthorization(client, ref, amount, key));
        case VOID -> voidAuthorization(client, ref, key);
        case REFUND -> orElseOnMissing(() -> PayPalResults.refundResult(client.getPaymentsController()
                .getRefund(new GetRefundInput.Builder(ref).build()).getResult()),
            () -> refundCapture(client, ref, amount, key));
      };
    });
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    String webhookId = request.credentials().require(WEBHOOK_ID);
    byte[] body = request.rawBody();
    byte[] verification = PayPalWebhookVerifier.requestBody(request.headers(), webhookId, body);
    if (!PayPalWebhookParser.isJsonObject(body)) {
      throw WebhookRejectedException.signatureInvalid();
    }
    String clientId = request.credentials().require(CLIENT_ID);
    String clientSecret = request.credentials().require(CLIENT_SECRET);
    if (!verifier.verify(webhookToken(clientId, clientSecret), verification)) {
      clients.forget(clientId, clientSecret); // revoked or expired early: ask once more with a fresh token
      if (!verifier.verify(webhookToken(clientId, clientSecret), verification)) {
        throw PayPalWebhookVerifier.unavailable("PayPal refused a freshly issued access token (HTTP 401)");
      }
    }
    Instant sentAt = PayPalWebhookParser.instant(request.headers().first("PAYPAL-TRANSMISSION-TIME").orElseThrow());
    tolerance.requireWithin(sentAt);
    return PayPalWebhookParser.parse(body);
  }

  private String webhookToken(String clientId, String clientSecret) {
    try {
      return clients.accessToken(clientId, clientSecret).getAccessToken();
    } catch (ApiException e) {
      throw PayPalWebhookVerifier.unavailable("PayPal refused the OAuth token request (HTTP " + e.getResponseCode() + ")");
    } catch (IOException e) {
      throw PayPalWebhookVerifier.unavailable("the OAuth token request failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  // ---------------------------------------------------------------- Orders v2

  private GatewayResult createOrder(PaypalServerSdkClient client, PaymentRequest request, GatewayOperation operation)
      throws ApiException, IOException {
    AmountWithBreakdown amount = new AmountWithBreakdown.Builder(
        PayPalAmounts.currencyCode(request.amount()), PayPalAmounts.value(request.amount())).build();
    PurchaseUnitRequest.Builder unit = new PurchaseUnitRequest.Builder(amount);
    request.merchantReference().ifPresent(ref -> unit.customId(clip(ref)));
    request.description().ifPresent(text -> unit.description(clip(text)));
    CheckoutPaymentIntent intent =
        operation == GatewayOperation.AUTHORIZE ? CheckoutPaymentIntent.AUTHORIZE : CheckoutPaymentIntent.CAPTURE;
    OrderRequest.Builder order = new OrderRequest.Builder(intent, List.of(unit.build()));
    if (request.returnUrl().isPresent()) {
      String url = request.returnUrl().get().toString();
      order.paymentSource(new PaymentSource.Builder().paypal(new PaypalWallet.Builder()
          .experienceContext(new PaypalWalletExperienceContext.Builder().returnUrl(url).cancelUrl(url).build())
          .build()).build());
    }
    Order created = client.getOrdersController().createOrder(new CreateOrderInput.Builder()
        .body(order.build())
        .paypalRequestId(requestId(request.idempotencyKey()))
        .prefer(REPRESENTATION)
        .build()).getResult();
    return PayPalResults.orderResult(created.getId(), created.getStatus(), created.getLinks(), created.getPurchaseUnits(), operation);
  }

  /** Authorizes or captures an order, after checking it is for exactly {@code amount}. */
  private GatewayResult completeOrder(PaypalServerSdkClient client, String orderId, Money amount, IdempotencyKey key,
      GatewayOperation operation, boolean checkAmountFirst) throws ApiException, IOException {
    if (checkAmountFirst) {
      Order order = client.getOrdersController().getOrder(new GetOrderInput.Builder(orderId).build()).getResult();
      requireOrderAmount(order, amount);
    }
    if (operation == GatewayOperation.AUTHORIZE) {
      OrderAuthorizeResponse authorized = client.getOrdersController().authorizeOrder(new AuthorizeOrderInput.Builder()
          .id(orderId).paypalRequestId(requestId(key)).prefer(REPRESENTATION).build()).getResult();
      return PayPalResults.orderResult(orderId, authorized.getStatus(), authorized.getLinks(), authorized.getPurchaseUnits(), operation);
    }
    Order captured = client.getOrdersController().captureOrder(new CaptureOrderInput.Builder()
        .id(orderId).paypalRequestId(requestId(key)).prefer(REPRESENTATION).build()).getResult();
    return PayPalResults.orderResult(orderId, captured.getStatus(), captured.getLinks(), captured.getPurchaseUnits(), operation);
  }

  private static void requireOrderAmount(Order order, Money amount) {
    List<PurchaseUnit> units = order.getPurchaseUnits();
    AmountWithBreakdown orderAmount = units == null || units.size() != 1 ? null : units.get(0).getAmount();
    Money ordered = orderAmount == null ? null
        : PayPalAmounts.fromPayPal(orderAmount.getValue(), orderAmount.getCurrencyCode());
    if (!amount.equals(ordered)) {
      throw ValidationException.ofField("paymentMethod", "amount_mismatch",
          "The PayPal order is for " + ordered + ", not " + amount);
    }
  }

  /**
   * An approved order is completed now, with a key derived from the operation's own; one already completed
   * is read. PayPal authorizes or captures an order at most once, so this cannot charge twice.
   */
  private GatewayResult fromOrder(PaypalServerSdkClient client, String orderId, Money amount, IdempotencyKey key,
      GatewayOperation operation) throws ApiException, IOException {
    Order order = client.getOrdersController().getOrder(new GetOrderInput.Builder(orderId).build()).getResult();
    if (order.getStatus() != OrderStatus.APPROVED) {
      return PayPalResults.orderResult(orderId, order.getStatus(), order.getLinks(), order.getPurchaseUnits(), operation);
    }
    try {
      requireOrderAmount(order, amount);
    } catch (ValidationException e) {
      return GatewayResult.declined(orderId, "AMOUNT_MISMATCH", e.getMessage());
    }
    GatewayResult completed = declinedAsResult(orderId,
        () -> completeOrder(client, orderId, amount, key.derive("complete"), operation, false));
    if (completed.is(GatewayResult.Outcome.DECLINED) && ALREADY_DONE.contains(completed.declineCode().orElse(""))) {
      Order done = client.getOrdersController().getOrder(new GetOrderInput.Builder(orderId).build()).getResult();
      return PayPalResults.orderResult(orderId, done.getStatus(), done.getLinks(), done.getPurchaseUnits(), operation);
    }
    return completed;
  }

  private GatewayResult orFromOrder(String ref, PayPalRead byPaymentId, PaypalServerSdkClient client, Money amount,
      IdempotencyKey key, GatewayOperation operation) throws ApiException, IOException {
    return orElseOnMissing(byPaymentId, () -> fromOrder(client, ref, amount, key, operation));
  }

  /** The first read, or the fallback when PayPal answers 404 for that id. */
  private static GatewayResult orElseOnMissing(PayPalRead first, PayPalRead fallback) throws ApiException, IOException {
    try {
      return first.run();
    } catch (ApiException e) {
      if (e.getResponseCode() == 404) {
        return fallback.run();
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- Payments v2

  private static GatewayResult captureAuthorization(
      PaypalServerSdkClient client, String authorizationId, Money amount, IdempotencyKey key)
      throws ApiException, IOException {
    CapturedPayment capture = client.getPaymentsController().captureAuthorizedPayment(
        new CaptureAuthorizedPaymentInput.Builder()
            .authorizationId(authorizationId)
            .paypalRequestId(requestId(key))
            .prefer(REPRESENTATION)
            .body(new com.paypal.sdk.models.CaptureRequest.Builder()
                .amount(PayPalAmounts.toPayPal(amount))
                .finalCapture(true)
                .build())
            .build()).getResult();
    return PayPalResults.captureResult(capture, amount);
  }

  private static GatewayResult voidAuthorization(PaypalServerSdkClient client, String authorizationId,
      IdempotencyKey key) throws ApiException, IOException {
    ApiResponse<PaymentAuthorization> response = client.getPaymentsController().voidPayment(
        new VoidPaymentInput.Builder(authorizationId).paypalRequestId(requestId(key)).prefer(REPRESENTATION).build());
    PaymentAuthorization voided = response.getResult();
    if (voided == null) { // 204: PayPal voided it but sent no representation
      voided = client.getPaymentsController()
          .getAuthorizedPayment(new GetAuthorizedPaymentInput.Builder(authorizationId).build()).getResult();
    }
    if (voided.getStatus() == AuthorizationStatus.VOIDED) {
      return GatewayResult.success(authorizationId, PayPalAmounts.fromPayPal(voided.getAmount()));
    }
    return GatewayResult.unknown(authorizationId, "the authorization is " + voided.getStatus() + " after the void");
  }

  private static GatewayResult refundCapture(PaypalServerSdkClient client, String captureId, Money amount,
      IdempotencyKey key) throws ApiException, IOException {
    Refund refund = client.getPaymentsController().refundCapturedPayment(new RefundCapturedPaymentInput.Builder()
        .captureId(captureId)
        .paypalRequestId(requestId(key))
        .prefer(REPRESENTATION)
        .body(new com.paypal.sdk.models.RefundRequest.Builder().amount(PayPalAmounts.toPayPal(amount)).build())
        .build()).getResult();
    return PayPalResults.refundResult(refund);
  }

  // ---------------------------------------------------------------- transport and errors

  private GatewayResult call(GatewayOperation operation, IdempotencyKey key, String knownReference,
      GatewayCredentials credentials, PayPalCall call) {
    PaypalServerSdkClient client = authenticated(credentials);
    Optional<GatewayResult> result = invoke(knownReference, () -> call.run(client));
    if (result.isEmpty()) { // the cached token was revoked or expired early; a 401 was not processed
      clients.forget(credentials.require(CLIENT_ID), credentials.require(CLIENT_SECRET));
      PaypalServerSdkClient renewed = authenticated(credentials);
      result = invoke(knownReference, () -> call.run(renewed));
    }
    GatewayResult settled = result.orElseThrow(() -> new ConfigurationException("gateway.authentication_failed",
        "PayPal refused a freshly issued access token for the tenant's app (HTTP 401)"));
    LOG.debug("paypal {} key={} ref={} -> {}", operation, key, knownReference, settled.outcome());
    return settled;
  }

  /**
   * A client with the tenant's access token. The token request moves no money, so when it fails the
   * payment request provably never left: that is {@link GatewayUnreachableException}, never UNKNOWN.
   */
  private PaypalServerSdkClient authenticated(GatewayCredentials credentials) {
    String clientId = credentials.require(CLIENT_ID);
    String clientSecret = credentials.require(CLIENT_SECRET);
    try {
      return clients.client(clientId, clientSecret);
    } catch (ApiException e) {
      if (e.getResponseCode() == 400 || e.getResponseCode() == 401) {
        throw new ConfigurationException("gateway.authentication_failed",
            "PayPal refused the tenant's client credentials (HTTP " + e.getResponseCode() + ")");
      }
      throw new GatewayUnreachableException(ID,
          "the OAuth token request failed with HTTP " + e.getResponseCode() + ", so no payment request was sent", e);
    } catch (IOException e) {
      throw new GatewayUnreachableException(ID,
          "the OAuth token request failed (" + e.getClass().getSimpleName() + "), so no payment request was sent", e);
    }
  }

  /** The call's result, or empty when PayPal refused the access token (HTTP 401). */
  private static Optional<GatewayResult> invoke(String knownReference, PayPalRead call) {
    RequestProgress progress = RequestProgress.begin();
    try {
      return Optional.of(call.run());
    } catch (IOException e) {
      if (progress.provesNeverSent(e)) {
        throw new GatewayUnreachableException(ID,
            "the connection failed before any of the request was written (" + e.getClass().getSimpleName() + ")", e);
      }
      return Optional.of(TransportFailures.unknownOrThrowUnreachable(ID, knownReference, e));
    } catch (ApiException e) {
      return e.getResponseCode() == 401 ? Optional.empty() : Optional.of(PayPalErrors.apiError(knownReference, e));
    } catch (ValidationException e) {
      if (e.fieldErrors().stream().anyMatch(f -> f.field().equals("paymentMethod"))) {
        throw e;
      }
      return Optional.of(GatewayResult.unknown(knownReference, "PayPal reported an unreadable amount"));
    } finally {
      progress.end();
    }
  }

  /** Runs a call whose 4xx answers are results, for use inside another call. */
  private static GatewayResult declinedAsResult(String knownReference, PayPalRead call) throws ApiException, IOException {
    try {
      return call.run();
    } catch (ApiException e) {
      int status = e.getResponseCode();
      if (status >= 400 && status < 500 && status != 401 && status != 409) {
        return PayPalErrors.apiError(knownReference, e);
      }
      throw e;
    }
  }

  /**
   * The key as sent in {@value #REQUEST_ID_HEADER}: unchanged up to {@value #MAX_REQUEST_ID} characters,
   * otherwise its SHA-256 in hex, which is as stable across retries as the key itself.
   */
  static String requestId(IdempotencyKey key) {
    String value = key.value();
    if (value.length() <= MAX_REQUEST_ID) {
      return value;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String clip(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  @FunctionalInterface
  private interface PayPalCall {
    GatewayResult run(PaypalServerSdkClient client) throws ApiException, IOException;
  }

  @FunctionalInterface
  private interface PayPalRead {
    GatewayResult run() throws ApiException, IOException;
  }

  /**
   * Where and how a {@link PayPalGateway} talks to PayPal: the {@link GatewayBuilder} settings, with
   * {@link #PRODUCTION_API_BASE}, a 10 s connect and a 30 s read timeout by default. The clock also decides when a
   * cached OAuth token is too old.
   */
  public static final class Builder extends GatewayBuilder<Builder, PayPalGateway> {

    private Builder() {
      super(PRODUCTION_API_BASE, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** Shorthand for {@code apiBase(SANDBOX_API_BASE)}. */
    public Builder sandbox() {
      return apiBase(SANDBOX_API_BASE);
    }

    @Override
    public PayPalGateway build() {
      return new PayPalGateway(settings());
    }
  }
}
