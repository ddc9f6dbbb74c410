package dev.bizo.payments.simulator;

/**
 * The simulator's test cards, in the manner of Stripe's: pass one as the
 * {@link dev.bizo.payments.spi.PaymentMethod#token() payment method token} to get a fixed behaviour.
 * Any other token is declined with code {@code invalid_test_card}.
 */
public final class SimulatorCards {

  private SimulatorCards() {}

  /** Approves every operation. */
  public static final String SUCCESS = "4242424242424242";

  /** Declined with code {@code insufficient_funds}. */
  public static final String DECLINE_INSUFFICIENT_FUNDS = "4000000000009995";

  /** Declined with code {@code card_declined}. */
  public static final String DECLINE_CARD_DECLINED = "4000000000000002";

  /**
   * PENDING with a 3-D Secure redirect; completes when the customer's answer is simulated with
   * {@link SimulatorGateway#completeRedirect(String, boolean)}.
   */
  public static final String REQUIRES_REDIRECT = "4000002760003184";

  /** The response times out (UNKNOWN); the charge did happen, and {@code fetchStatus} then says SUCCESS. */
  public static final String TIMEOUT_THEN_SUCCEEDS = "4000000000000408";

  /** The response times out (UNKNOWN); the charge failed, and {@code fetchStatus} then says DECLINED. */
  public static final String TIMEOUT_THEN_FAILS = "4000000000000416";

  /** The gateway answers HTTP 500 (UNKNOWN); the charge did happen, {@code fetchStatus} says SUCCESS. */
  public static final String SERVER_ERROR_THEN_SUCCEEDS = "4000000000000500";

  /** The connection resets after sending (UNKNOWN); the charge did happen, {@code fetchStatus} says SUCCESS. */
  public static final String CONNECTION_RESET_THEN_SUCCEEDS = "4000000000000101";

  /** The connection is refused: {@link dev.bizo.payments.spi.GatewayUnreachableException}, nothing recorded. */
  public static final String UNREACHABLE = "4000000000000000";
}
