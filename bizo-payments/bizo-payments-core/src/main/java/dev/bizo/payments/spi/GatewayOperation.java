package dev.bizo.payments.spi;

/** The money-moving operations of a {@link PaymentGateway}. */
public enum GatewayOperation {
  /** Hold funds without taking them. */
  AUTHORIZE,
  /** Authorize and capture in one step. */
  PURCHASE,
  /** Take all or part of an authorization. */
  CAPTURE,
  /** Release an uncaptured authorization. */
  VOID,
  /** Return all or part of a captured amount. */
  REFUND
}
