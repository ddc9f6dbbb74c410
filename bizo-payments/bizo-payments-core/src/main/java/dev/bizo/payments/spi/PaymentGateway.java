package dev.bizo.payments.spi;

import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;

/**
 * A payment gateway plugin: Stripe, PayPal, Razorpay, PayU, the simulator, or your own.
 *
 * <h2>Registering</h2>
 * Implementations are found through core's {@link dev.bizo.core.Providers}: list the class in
 * {@code META-INF/services/dev.bizo.payments.spi.PaymentGateway} (it needs a public no-argument
 * constructor) or register an instance explicitly. {@link #id()} must be unique.
 *
 * <h2>Contract every operation follows</h2>
 * <ol>
 *   <li><b>Check before sending.</b> Validate with {@link #capabilities()}'s {@code require…} methods first:
 *       an operation the gateway declared unsupported throws {@link UnsupportedFeatureException}; a zero,
 *       negative or above-maximum amount throws {@link ValidationException}. Nothing is sent then.</li>
 *   <li><b>Forward the idempotency key.</b> Send {@link GatewayRequest#idempotencyKey()} to the remote
 *       gateway on every request that can move money (Stripe {@code Idempotency-Key}, PayPal
 *       {@code PayPal-Request-Id}, …). The same key must never lead to two charges.</li>
 *   <li><b>Convert money exactly.</b> Amounts are {@link dev.bizo.core.Money} in minor units; convert to
 *       and from the gateway's unit without rounding (JPY has no minor unit, KWD has three digits). A
 *       currency the gateway cannot settle is an {@link UnsupportedFeatureException}.</li>
 *   <li><b>Report honestly.</b> Return a {@link GatewayResult}: SUCCESS, PENDING (with a
 *       {@link NextAction} when the customer must act), DECLINED (with the gateway's code) or UNKNOWN
 *       when the request may have reached the gateway but no answer came back: a read timeout, an HTTP
 *       5xx, a connection reset after sending. Throw {@link GatewayUnreachableException} only when the
 *       request provably never left (connection refused, unknown host, connect timeout);
 *       {@link TransportFailures} draws that line for HTTP clients.</li>
 *   <li><b>Keep secrets secret.</b> Use {@link GatewayCredentials} for this call only; never log values,
 *       request bodies with card data, or full responses.</li>
 *   <li><b>Be thread-safe and stateless</b> across tenants: one instance serves every tenant, whose
 *       credentials arrive with each call.</li>
 * </ol>
 *
 * <h2>Proving it</h2>
 * Extend {@code dev.bizo.payments.tck.PaymentGatewayContractTest} from the {@code bizo-payments-tck}
 * artifact in your module's tests. It runs every operation, fault and webhook case against your
 * gateway, with HTTP stubbed on a WireMock server it starts for you.
 */
public interface PaymentGateway {

  /** The unique, stable, lower-case id: {@code stripe}, {@code paypal}, {@code simulator}. */
  String id();

  /** A name for people, e.g. in the gateway list; simulators say so here as well. */
  default String displayName() {
    return id();
  }

  /** What this gateway supports; must not change over the instance's life. */
  GatewayCapabilities capabilities();

  /**
   * Holds funds for a later {@link #capture}.
   *
   * @return SUCCESS with the authorization's reference and amount, PENDING, DECLINED or UNKNOWN
   * @throws UnsupportedFeatureException if the gateway has no manual capture or cannot settle the currency
   * @throws ValidationException if the amount is zero, negative or above the maximum
   * @throws GatewayUnreachableException if the request provably never left
   */
  GatewayResult authorize(PaymentRequest request);

  /**
   * Authorizes and captures in one step.
   *
   * @return SUCCESS with the charge's reference and amount, PENDING, DECLINED or UNKNOWN
   * @throws UnsupportedFeatureException if the gateway cannot settle the currency
   * @throws ValidationException if the amount is zero, negative or above the maximum
   * @throws GatewayUnreachableException if the request provably never left
   */
  GatewayResult purchase(PaymentRequest request);

  /**
   * Takes all or part of an authorization; a partial capture releases the rest.
   *
   * @return SUCCESS with the captured amount and the reference to refund against, DECLINED or UNKNOWN
   * @throws UnsupportedFeatureException for a partial capture the gateway does not support
   * @throws ValidationException if the amount is not positive or exceeds the authorized amount
   * @throws GatewayUnreachableException if the request provably never left
   */
  GatewayResult capture(CaptureRequest request);

  /**
   * Releases an uncaptured authorization.
   *
   * @return SUCCESS, DECLINED (e.g. already captured) or UNKNOWN
   * @throws UnsupportedFeatureException if the gateway cannot void
   * @throws GatewayUnreachableException if the request provably never left
   */
  GatewayResult voidAuthorization(VoidRequest request);

  /**
   * Returns all or part of a captured amount.
   *
   * @return SUCCESS with the refund's reference and amount, PENDING (asynchronous refund), DECLINED or UNKNOWN
   * @throws UnsupportedFeatureException for a partial refund the gateway does not support
   * @throws ValidationException if the amount is not positive or exceeds the captured amount
   * @throws GatewayUnreachableException if the request provably never left
   */
  GatewayResult refund(RefundRequest request);

  /**
   * What became of an earlier operation, for reconciliation of UNKNOWN and PENDING outcomes. Answers in
   * the terms of that operation: SUCCESS if it happened, DECLINED if it did not and never will, PENDING
   * if it is still in progress, UNKNOWN if the gateway cannot tell yet.
   *
   * @throws GatewayUnreachableException if the request provably never left; the platform asks again later
   */
  GatewayResult fetchStatus(StatusRequest request);

  /**
   * Verifies a received webhook against the tenant's secret, over the raw bytes, before anything else,
   * then parses it. Signed timestamps must be checked in both directions with a
   * {@link TimestampTolerance} on an injected clock; {@link TimestampedSignatureScheme} and
   * {@link HmacSignature} implement the common schemes.
   *
   * @return the normalized event; its {@link WebhookEvent#eventId()} is stable across redeliveries
   * @throws WebhookRejectedException when the signature is missing or wrong, the timestamp is outside the
   *     tolerance, or the verified body is not understood
   */
  WebhookEvent verifyAndParseWebhook(WebhookRequest request);
}
