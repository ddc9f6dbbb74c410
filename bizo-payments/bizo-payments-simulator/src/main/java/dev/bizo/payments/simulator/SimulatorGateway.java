package dev.bizo.payments.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.RequestFingerprint;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.TimestampedSignatureScheme;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A simulated payment gateway, id {@value #ID}: the offline default, so payments work with no credentials.
 * It moves no money, and says so in {@link #displayName()} and {@link GatewayCapabilities#simulator()}.
 *
 * <p>Behaviour is chosen by the test card passed as the payment method token, see {@link SimulatorCards}.
 * It behaves like a remote gateway, including the parts that make payments hard: it honours idempotency
 * keys (the same key returns the same outcome and never charges twice; the same key with other parameters
 * is refused), answers UNKNOWN for simulated timeouts, 5xx and resets while the charge happened or failed
 * on its side, settles those through {@link #fetchStatus}, and emits webhooks signed like a real gateway's
 * that go through {@link #verifyAndParseWebhook}.
 *
 * <p>It keeps its charges in memory because it <em>is</em> the remote side; the platform's own records live
 * in the platform's database like any other gateway's.
 *
 * <p>Credentials (all optional): {@value #WEBHOOK_SECRET} signs and verifies webhooks (default
 * {@value #DEFAULT_WEBHOOK_SECRET}); {@value #PREVIOUS_WEBHOOK_SECRET} is still accepted during a rotation.
 */
public final class SimulatorGateway implements PaymentGateway {

  /** The gateway id. */
  public static final String ID = "simulator";

  /** The webhook signature header. */
  public static final String SIGNATURE_HEADER = "Bizo-Simulator-Signature";

  /** The credential holding the webhook signing secret. */
  public static final String WEBHOOK_SECRET = "webhook_secret";

  /** The credential holding the previous webhook secret, accepted during a rotation. */
  public static final String PREVIOUS_WEBHOOK_SECRET = "webhook_secret_previous";

  /** The secret used when the tenant configured none. */
  public static final String DEFAULT_WEBHOOK_SECRET = "whsec_simulator_default";

  /** The 3-D Secure page the simulator redirects to; it does not exist. */
  static final String REDIRECT_BASE = "https://simulator.bizo.invalid/3ds/";

  private static final GatewayCapabilities CAPABILITIES = GatewayCapabilities.builder()
      .manualCapture(true)
      .partialCapture(true)
      .partialRefund(true)
      .voidAuthorization(true)
      .redirects(true)
      .simulator(true)
      .currencies("EUR", "USD", "GBP", "CHF", "INR", "JPY", "KWD")
      .maxAmount(Money.of("999999.99", "EUR"))
      .maxAmount(Money.of("999999.99", "USD"))
      .maxAmount(Money.of("99999999", "JPY"))
      .maxAmount(Money.of("99999.999", "KWD"))
      .build();

  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Charge> charges = new HashMap<>();
  private final Map<String, String> refundToCharge = new HashMap<>();
  private final Map<IdempotencyKey, Call> calls = new HashMap<>();
  private final List<IdempotencyKey> receivedKeys = new ArrayList<>();
  private final List<SignedWebhook> webhooks = new ArrayList<>();
  private long sequence;

  /** A simulator on the system clock; used by {@link java.util.ServiceLoader}. */
  public SimulatorGateway() {
    this(builder());
  }

  private SimulatorGateway(Builder b) {
    this.clock = b.clock;
  }

  /** Starts a simulator on the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Simulator (test gateway, moves no money)";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    CAPABILITIES.requireManualCapture();
    return initial(GatewayOperation.AUTHORIZE, request);
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    return initial(GatewayOperation.PURCHASE, request);
  }

  private GatewayResult initial(GatewayOperation operation, PaymentRequest request) {
    CAPABILITIES.requireAcceptable("amount", request.amount());
    String card = request.paymentMethod().token();
    if (card.equals(SimulatorCards.UNREACHABLE)) {
      throw new GatewayUnreachableException(
          ID, "simulated connection refused", new ConnectException("Connection refused (simulated)"));
    }
    RequestFingerprint fingerprint = RequestFingerprint.of(operation, request);
    String secret = webhookSecret(request.credentials());
    return execute(request.idempotencyKey(), fingerprint, () -> createCharge(operation, request, card, secret));
  }

  private Outcome createCharge(GatewayOperation operation, PaymentRequest request, String card, String secret) {
    boolean capture = operation == GatewayOperation.PURCHASE;
    Money amount = request.amount();
    String ref = nextId("sim_ch_");
    Charge charge = new Charge(ref, amount, secret, capture);
    charges.put(ref, charge);
    switch (card) {
      case SimulatorCards.SUCCESS:
        return Outcome.answered(ref, approve(charge));
      case SimulatorCards.DECLINE_INSUFFICIENT_FUNDS:
        return Outcome.answered(ref, decline(charge, "insufficient_funds", "The card has insufficient funds"));
      case SimulatorCards.DECLINE_CARD_DECLINED:
        return Outcome.answered(ref, decline(charge, "card_declined", "The card was declined"));
      case SimulatorCards.REQUIRES_REDIRECT:
        charge.state = ChargeState.REQUIRES_ACTION;
        return Outcome.answered(ref, GatewayResult.pending(ref, NextAction.redirect(URI.create(REDIRECT_BASE + ref))));
      case SimulatorCards.TIMEOUT_THEN_SUCCEEDS:
        return Outcome.lost(ref, approve(charge), "simulated read timeout; the charge may have happened");
      case SimulatorCards.SERVER_ERROR_THEN_SUCCEEDS:
        return Outcome.lost(ref, approve(charge), "simulated HTTP 500; the charge may have happened");
      case SimulatorCards.CONNECTION_RESET_THEN_SUCCEEDS:
        return Outcome.lost(ref, approve(charge), "simulated connection reset after sending");
      case SimulatorCards.TIMEOUT_THEN_FAILS:
        return Outcome.lost(
            ref, decline(charge, "processing_error", "The charge failed at the simulated processor"),
            "simulated read timeout; the charge may have happened");
      default:
        return Outcome.answered(ref, decline(charge, "invalid_test_card", "Not a simulator test card; see SimulatorCards"));
    }
  }

  private GatewayResult approve(Charge charge) {
    charge.authorized = charge.amount;
    if (charge.autoCapture) {
      charge.captured = charge.amount;
      charge.state = ChargeState.CAPTURED;
      emit(WebhookEventType.PAYMENT_CAPTURED, charge.ref, charge.amount, charge.webhookSecret);
    } else {
      charge.state = ChargeState.AUTHORIZED;
      emit(WebhookEventType.PAYMENT_AUTHORIZED, charge.ref, charge.amount, charge.webhookSecret);
    }
    return GatewayResult.success(charge.ref, charge.amount);
  }

  private GatewayResult decline(Charge charge, String code, String message) {
    charge.state = ChargeState.DECLINED;
    emit(WebhookEventType.PAYMENT_FAILED, charge.ref, charge.amount, charge.webhookSecret);
    return GatewayResult.declined(charge.ref, code, message);
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    CAPABILITIES.requireCapture(request.amount(), request.authorizedAmount());
    RequestFingerprint fingerprint = RequestFingerprint.builder("capture")
        .put("reference", request.gatewayReference()).put("amount", request.amount()).build();
    return execute(request.idempotencyKey(), fingerprint, () -> {
      Charge charge = charges.get(request.gatewayReference());
      if (charge == null) {
        return Outcome.answered(null, GatewayResult.declined(null, "no_such_charge", "Unknown charge"));
      }
      if (charge.state != ChargeState.AUTHORIZED) {
        return Outcome.answered(charge.ref, GatewayResult.declined(
            charge.ref, "charge_not_capturable", "The charge is " + charge.state));
      }
      if (request.amount().isGreaterThan(charge.authorized)) {
        return Outcome.answered(charge.ref, GatewayResult.declined(
            charge.ref, "amount_too_large", "Only " + charge.authorized + " is authorized"));
      }
      charge.captured = request.amount();
      charge.state = ChargeState.CAPTURED;
      emit(WebhookEventType.PAYMENT_CAPTURED, charge.ref, charge.captured, charge.webhookSecret);
      return Outcome.answered(charge.ref, GatewayResult.success(charge.ref, charge.captured));
    });
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    CAPABILITIES.requireVoid();
    RequestFingerprint fingerprint = RequestFingerprint.builder("void")
        .put("reference", request.gatewayReference()).build();
    return execute(request.idempotencyKey(), fingerprint, () -> {
      Charge charge = charges.get(request.gatewayReference());
      if (charge == null) {
        return Outcome.answered(null, GatewayResult.declined(null, "no_such_charge", "Unknown charge"));
      }
      if (charge.state != ChargeState.AUTHORIZED) {
        return Outcome.answered(charge.ref, GatewayResult.declined(
            charge.ref, "charge_not_voidable", "The charge is " + charge.state));
      }
      charge.state = ChargeState.VOIDED;
      emit(WebhookEventType.PAYMENT_VOIDED, charge.ref, charge.authorized, charge.webhookSecret);
      return Outcome.answered(charge.ref, GatewayResult.success(charge.ref, charge.authorized));
    });
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    CAPABILITIES.requireRefund(request.amount(), request.capturedAmount());
    RequestFingerprint fingerprint = RequestFingerprint.builder("refund")
        .put("reference", request.gatewayReference()).put("amount", request.amount()).build();
    return execute(request.idempotencyKey(), fingerprint, () -> {
      Charge charge = charges.get(request.gatewayReference());
      if (charge == null) {
        return Outcome.answered(null, GatewayResult.declined(null, "no_such_charge", "Unknown charge"));
      }
      if (charge.state != ChargeState.CAPTURED) {
        return Outcome.answered(charge.ref, GatewayResult.declined(
            charge.ref, "charge_not_refundable", "The charge is " + charge.state));
      }
      Money left = charge.captured.minus(charge.refunded);
      if (request.amount().isGreaterThan(left)) {
        return Outcome.answered(charge.ref, GatewayResult.declined(
            charge.ref, "amount_too_large", "Only " + left + " is left to refund"));
      }
      charge.refunded = charge.refunded.plus(request.amount());
      String refundRef = nextId("sim_re_");
      refundToCharge.put(refundRef, charge.ref);
      emit(WebhookEventType.PAYMENT_REFUNDED, charge.ref, request.amount(), charge.webhookSecret);
      return Outcome.answered(refundRef, GatewayResult.success(refundRef, request.amount()));
    });
  }

  /**
   * Answers with the truth of the earlier operation, looked up by its idempotency key, else by the
   * reference of the charge it created. A request the simulator never received is DECLINED with code
   * {@code no_such_request}: it never happened and never will.
   */
  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    synchronized (lock) {
      Call call = calls.get(request.idempotencyKey());
      if (call == null && request.gatewayReference().isPresent()) {
        call = calls.values().stream()
            .filter(c -> request.gatewayReference().get().equals(c.reference))
            .findFirst().orElse(null);
      }
      if (call == null) {
        return GatewayResult.declined(null, "no_such_request", "The simulator never received this request");
      }
      return call.truth;
    }
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    List<String> secrets = new ArrayList<>();
    secrets.add(webhookSecret(request.credentials()));
    request.credentials().find(PREVIOUS_WEBHOOK_SECRET).ifPresent(secrets::add);
    TimestampedSignatureScheme scheme = SimulatorWebhooks.scheme(clock);
    scheme.verify(request, secrets);
    JsonNode event;
    try {
      event = SimulatorWebhooks.JSON.readTree(request.rawBody());
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("not JSON");
    }
    String id = text(event, "id");
    String type = text(event, "type");
    JsonNode created = event.path("created");
    JsonNode data = event.path("data");
    if (id == null || type == null || !created.canConvertToLong() || !data.isObject()) {
      throw WebhookRejectedException.malformed("id, type, created and data are required");
    }
    Optional<Money> amount = Optional.empty();
    if (data.path("amount_minor").canConvertToLong() && data.path("currency").isTextual()) {
      try {
        amount = Optional.of(Money.ofMinor(data.path("amount_minor").asLong(), data.path("currency").asText()));
      } catch (ValidationException e) {
        throw WebhookRejectedException.malformed("unknown currency");
      }
    }
    return new WebhookEvent(
        id, SimulatorWebhooks.typeOf(type), type, Optional.ofNullable(text(data, "reference")), amount,
        Instant.ofEpochSecond(created.asLong()));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  /**
   * Simulates the customer finishing (or failing) the 3-D Secure page of a {@link SimulatorCards#REQUIRES_REDIRECT}
   * payment. Afterwards {@link #fetchStatus} reports the outcome and a webhook is emitted.
   *
   * @throws NotFoundException when no charge has this reference
   * @throws ConflictException with code {@code simulator.not_awaiting_redirect} when it is not waiting
   */
  public void completeRedirect(String reference, boolean approved) {
    synchronized (lock) {
      Charge charge = charges.get(reference);
      if (charge == null) {
        throw NotFoundException.of("simulator charge", reference);
      }
      if (charge.state != ChargeState.REQUIRES_ACTION) {
        throw new ConflictException("simulator.not_awaiting_redirect", "The charge is " + charge.state);
      }
      GatewayResult truth = approved
          ? approve(charge)
          : decline(charge, "authentication_failed", "The customer failed 3-D Secure");
      calls.replaceAll((key, call) -> reference.equals(call.reference) ? call.withTruth(truth) : call);
    }
  }

  /** Every idempotency key received on a money-moving call, in order, repeats included. */
  public List<IdempotencyKey> receivedIdempotencyKeys() {
    synchronized (lock) {
      return List.copyOf(receivedKeys);
    }
  }

  /** How many charges exist: a replayed key never adds one. */
  public int chargeCount() {
    synchronized (lock) {
      return charges.size();
    }
  }

  /** The webhooks emitted so far, oldest first. */
  public List<SignedWebhook> webhooks() {
    synchronized (lock) {
      return List.copyOf(webhooks);
    }
  }

  /** Returns and forgets the webhooks emitted so far, for a loop that delivers them. */
  public List<SignedWebhook> drainWebhooks() {
    synchronized (lock) {
      List<SignedWebhook> drained = List.copyOf(webhooks);
      webhooks.clear();
      return drained;
    }
  }

  private GatewayResult execute(IdempotencyKey key, RequestFingerprint fingerprint, Supplier<Outcome> operation) {
    synchronized (lock) {
      receivedKeys.add(key);
      Call previous = calls.get(key);
      if (previous != null) {
        if (!previous.fingerprint.equals(fingerprint)) {
          throw new ConflictException(
              "gateway.idempotency_key_reused", "The simulator saw key " + key + " with different parameters");
        }
        return previous.truth; // a retry learns what really happened, as with Stripe
      }
      Outcome outcome = operation.get();
      calls.put(key, new Call(fingerprint, outcome.reference, outcome.truth));
      return outcome.response;
    }
  }

  private void emit(WebhookEventType type, String reference, Money amount, String secret) {
    Instant now = clock.instant();
    byte[] body = SimulatorWebhooks.eventBody(nextId("evt_"), type, reference, amount, now);
    webhooks.add(SimulatorWebhooks.sign(body, secret, now));
  }

  private String nextId(String prefix) {
    sequence++;
    return prefix + String.format("%06d", sequence);
  }

  private static String webhookSecret(GatewayCredentials credentials) {
    return credentials.find(WEBHOOK_SECRET).filter(s -> !s.isEmpty()).orElse(DEFAULT_WEBHOOK_SECRET);
  }

  private enum ChargeState {
    REQUIRES_ACTION, AUTHORIZED, CAPTURED, VOIDED, DECLINED
  }

  private static final class Charge {
    final String ref;
    final Money amount;
    final String webhookSecret;
    final boolean autoCapture;
    ChargeState state = ChargeState.DECLINED;
    Money authorized;
    Money captured;
    Money refunded;

    Charge(String ref, Money amount, String webhookSecret, boolean autoCapture) {
      this.ref = ref;
      this.amount = amount;
      this.webhookSecret = webhookSecret;
      this.autoCapture = autoCapture;
      this.authorized = Money.zero(amount.currency());
      this.captured = Money.zero(amount.currency());
      this.refunded = Money.zero(amount.currency());
    }
  }

  private record Call(RequestFingerprint fingerprint, String reference, GatewayResult truth) {
    Call withTruth(GatewayResult newTruth) {
      return new Call(fingerprint, reference, newTruth);
    }
  }

  private record Outcome(String reference, GatewayResult truth, GatewayResult response) {
    static Outcome answered(String reference, GatewayResult result) {
      return new Outcome(reference, result, result);
    }

    static Outcome lost(String reference, GatewayResult truth, String why) {
      return new Outcome(reference, truth, GatewayResult.unknown(null, why));
    }
  }

  /**
   * Builds a {@link SimulatorGateway}, the same way as every gateway ({@code builder()}, settings, {@code build()}).
   * It has no remote side, so of {@link dev.bizo.payments.spi.GatewayBuilder}'s settings it takes only the clock.
   */
  public static final class Builder {

    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The clock webhook timestamps and their checks follow; default the system UTC clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The simulator. */
    public SimulatorGateway build() {
      return new SimulatorGateway(this);
    }
  }
}
