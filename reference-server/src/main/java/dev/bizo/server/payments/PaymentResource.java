package dev.bizo.server.payments;

import dev.bizo.core.Money;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.payments.CaptureMode;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentQuery;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.server.payments.PaymentViews.PageView;
import dev.bizo.server.payments.PaymentViews.PaymentView;
import dev.bizo.server.payments.PaymentViews.ResultView;
import dev.bizo.tenancy.Permission;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Payments of the caller's tenant over {@link PaymentService}. Every money-moving call needs an
 * {@code Idempotency-Key} header: a retry with the same key and body gets the first answer back and never
 * moves money twice; the same key with another body is 409 {@code idempotency.key_reused}.
 */
@Path("/payments")
// One instance, not one per request: it holds only injected beans (the caller through its request-scoped
// proxy), and building a request-scoped resource was a measurable share of a lead create's CPU.
@ApplicationScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class PaymentResource {

  /** The header every money-moving call carries. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /**
   * A new payment.
   *
   * @param amount the amount in the currency's minor units, e.g. 1999 for EUR 19.99
   * @param currency ISO 4217 code
   * @param paymentMethod the gateway's payment method token (for the simulator, a test card number)
   * @param gateway the gateway to use; absent means the tenant's default
   * @param captureMode {@code AUTOMATIC} (charge now, the default) or {@code MANUAL} (authorize, capture later)
   * @param customer the customer's reference in your system; kept in the metadata as {@code customer}
   * @param description shown by the gateway
   * @param reference your order reference
   * @param returnUrl where the customer comes back after a redirect
   * @param metadata free key/value pairs
   */
  public record NewPaymentRequest(
      Long amount, String currency, String paymentMethod, String gateway, CaptureMode captureMode, String customer,
      String description, String reference, String returnUrl, Map<String, String> metadata) {}

  /**
   * An amount for a capture or refund.
   *
   * @param amount minor units; absent means all that is left
   */
  public record AmountRequest(Long amount) {}

  @Inject Caller caller;
  @Inject PaymentService payments;
  @Inject MeterRegistry registry;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "201", description = "The payment's outcome: approved, declined, a redirect or unknown",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResultView.class)))
  @Operation(summary = "Take a payment (201; Idempotency-Key required); a decline, redirect or unknown outcome is an answer too")
  @Requires(Permission.DATA_WRITE)
  public Response create(@HeaderParam(IDEMPOTENCY_KEY) String key, NewPaymentRequest body) {
    IdempotencyKey idempotencyKey = idempotencyKey(key);
    if (body == null) {
      throw new ValidationException("body_required", "A JSON body is required", List.of());
    }
    List<FieldError> errors = new ArrayList<>();
    Money amount = money(body.amount(), body.currency(), errors, true).orElse(null);
    if (body.paymentMethod() == null || body.paymentMethod().isBlank()) {
      errors.add(new FieldError("paymentMethod", "required", "paymentMethod is required"));
    }
    URI returnUrl = null;
    if (body.returnUrl() != null) {
      try {
        returnUrl = URI.create(body.returnUrl());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("returnUrl", "invalid_url", "Not a URL"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    NewPayment.Builder request = NewPayment.builder(amount, PaymentMethod.token(body.paymentMethod()))
        .captureMode(body.captureMode() == null ? CaptureMode.AUTOMATIC : body.captureMode());
    Optional.ofNullable(body.gateway()).ifPresent(request::gateway);
    Optional.ofNullable(body.description()).ifPresent(request::description);
    Optional.ofNullable(body.reference()).ifPresent(request::merchantReference);
    Optional.ofNullable(returnUrl).ifPresent(request::returnUrl);
    if (body.metadata() != null) {
      body.metadata().forEach(request::metadata);
    }
    Optional.ofNullable(body.customer()).ifPresent(c -> request.metadata("customer", c));
    NewPayment payment = request.build();
    PaymentResponse response = counted(
        body.captureMode() == CaptureMode.MANUAL ? "authorize" : "purchase",
        () -> payments.create(caller.tenant(), payment, idempotencyKey));
    return Response.created(URI.create("/api/v1/payments/" + response.paymentId())).entity(ResultView.of(response)).build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A payment with its transactions and history; an UNKNOWN one is re-checked with the gateway first")
  @Requires(Permission.DATA_READ)
  public PaymentView get(@PathParam("id") String id) {
    PaymentId paymentId = paymentId(id);
    return payments.get(caller.tenant(), paymentId).map(PaymentView::of).orElseThrow(() -> NotFoundException.of("payment", id));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tenant's payments, oldest first, by status and gateway, in pages of up to 200")
  @Requires(Permission.DATA_READ)
  public PageView list(
      @QueryParam("status") String status,
      @QueryParam("gateway") String gateway,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    PaymentQuery.Builder query = PaymentQuery.builder();
    Optional.ofNullable(status).filter(v -> !v.isBlank()).map(PaymentResource::status).ifPresent(query::status);
    Optional.ofNullable(gateway).filter(g -> !g.isBlank()).ifPresent(query::gateway);
    Optional.ofNullable(cursor).filter(c -> !c.isBlank()).ifPresent(query::after);
    if (limit != null) {
      if (limit < 1 || limit > PaymentQuery.MAX_LIMIT) {
        throw ValidationException.ofField("limit", "out_of_range", "1 to " + PaymentQuery.MAX_LIMIT);
      }
      query.limit(limit);
    }
    return PageView.of(payments.list(caller.tenant(), query.build()));
  }

  @POST
  @Path("/{id}/capture")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Capture an authorized payment, all of it or {amount} (Idempotency-Key required)")
  @Requires(Permission.DATA_WRITE)
  public ResultView capture(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String key, AmountRequest body) {
    IdempotencyKey idempotencyKey = idempotencyKey(key);
    PaymentId paymentId = paymentId(id);
    Optional<Money> amount = partialAmount(paymentId, body);
    return ResultView.of(counted("capture", () -> payments.capture(caller.tenant(), paymentId, amount, idempotencyKey)));
  }

  @POST
  @Path("/{id}/refunds")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Refund a captured payment, all that is left or {amount} (Idempotency-Key required)")
  @Requires(Permission.DATA_WRITE)
  public Response refund(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String key, AmountRequest body) {
    IdempotencyKey idempotencyKey = idempotencyKey(key);
    PaymentId paymentId = paymentId(id);
    Optional<Money> amount = partialAmount(paymentId, body);
    PaymentResponse response = counted("refund", () -> payments.refund(caller.tenant(), paymentId, amount, idempotencyKey));
    return Response.status(Response.Status.CREATED).entity(ResultView.of(response)).build();
  }

  @POST
  @Path("/{id}/void")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Release an authorized payment (Idempotency-Key required)")
  @Requires(Permission.DATA_WRITE)
  public ResultView voidPayment(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String key) {
    IdempotencyKey idempotencyKey = idempotencyKey(key);
    PaymentId paymentId = paymentId(id);
    return ResultView.of(counted("void", () -> payments.voidPayment(caller.tenant(), paymentId, idempotencyKey)));
  }

  /** Counts each call as {@code bizo_payments_total} by gateway, operation and outcome (the transaction's status). */
  private PaymentResponse counted(String operation, Supplier<PaymentResponse> call) {
    PaymentResponse response = call.get();
    registry
        .counter("bizo.payments", Tags.of("gateway", response.gatewayId(), "operation", operation,
            "outcome", response.transactionStatus().name()))
        .increment();
    return response;
  }

  private Optional<Money> partialAmount(PaymentId paymentId, AmountRequest body) {
    if (body == null || body.amount() == null) {
      return Optional.empty();
    }
    // The amount is in the payment's currency; an unknown payment is the service's 404.
    String currency = payments.get(caller.tenant(), paymentId)
        .orElseThrow(() -> NotFoundException.of("payment", paymentId.toString()))
        .amount().currency().getCurrencyCode();
    List<FieldError> errors = new ArrayList<>();
    Optional<Money> amount = money(body.amount(), currency, errors, true);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return amount;
  }

  static Optional<Money> money(Long minor, String currency, List<FieldError> errors, boolean positive) {
    if (minor == null) {
      errors.add(new FieldError("amount", "required", "amount in minor units is required"));
    } else if (positive && minor <= 0) {
      errors.add(new FieldError("amount", "not_positive", "amount must be positive"));
    }
    if (currency == null || currency.isBlank()) {
      errors.add(new FieldError("currency", "required", "currency is required"));
      return Optional.empty();
    }
    try {
      Money.currency(currency);
    } catch (ValidationException e) {
      errors.add(new FieldError("currency", "unknown_currency", "Not an ISO 4217 currency: " + currency));
      return Optional.empty();
    }
    return minor == null || (positive && minor <= 0) ? Optional.empty() : Optional.of(Money.ofMinor(minor, currency));
  }

  private static PaymentStatus status(String value) {
    try {
      return PaymentStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ValidationException.ofField("status", "unknown_value", "Unknown payment status: " + value);
    }
  }

  static IdempotencyKey idempotencyKey(String header) {
    if (header == null || header.isBlank()) {
      throw new ValidationException("idempotency.key_required", "Send an Idempotency-Key header (e.g. a UUID) with every money-moving call",
          List.of(new FieldError(IDEMPOTENCY_KEY, "required", "Idempotency-Key header is required")));
    }
    try {
      return IdempotencyKey.of(header.strip());
    } catch (ValidationException | IllegalArgumentException e) {
      throw new ValidationException("idempotency.key_invalid", "Idempotency-Key: " + e.getMessage(),
          List.of(new FieldError(IDEMPOTENCY_KEY, "invalid", e.getMessage())));
    }
  }

  static PaymentId paymentId(String id) {
    try {
      return new PaymentId(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      // An id that cannot exist is indistinguishable from one that does not.
      throw NotFoundException.of("payment", id);
    }
  }
}
