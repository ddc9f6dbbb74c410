package dev.bizo.payments.spi;

/**
 * What every money-moving call hands a gateway: the tenant's credentials and the idempotency key to
 * forward.
 */
public sealed interface GatewayRequest permits PaymentRequest, CaptureRequest, VoidRequest, RefundRequest,
    StatusRequest {

  /** The tenant's decrypted secrets for this gateway; use for this call only, never log. */
  GatewayCredentials credentials();

  /**
   * The key the gateway implementation must send to the remote gateway with this request. For a
   * {@link StatusRequest} it is the key of the operation being checked, which some gateways use to look
   * the operation up.
   */
  IdempotencyKey idempotencyKey();
}
