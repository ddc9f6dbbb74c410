package dev.bizo.payments.tck;

/**
 * The situations the TCK puts a gateway in. For each, {@link PaymentGatewayContractTest#arrange} makes the
 * gateway behave as described, by stubbing its HTTP API on the TCK's WireMock server or, for an HTTP-less
 * gateway, by choosing a test card; it returns the payment method the TCK pays with. Amounts come from the
 * {@link ScenarioContext}.
 */
public enum GatewayScenario {
  /** Authorize {@code amount} succeeds; capture of all of it succeeds; refund of all of it succeeds. */
  AUTHORIZE_CAPTURE_REFUND,
  /** Purchase {@code amount} succeeds; refund of all of it succeeds. */
  PURCHASE_REFUND,
  /** Authorize {@code amount} succeeds; capture of {@code partialAmount} succeeds. */
  PARTIAL_CAPTURE,
  /** Purchase {@code amount} succeeds; refund of {@code partialAmount} succeeds. */
  PARTIAL_REFUND,
  /** Authorize {@code amount} succeeds; void succeeds. */
  AUTHORIZE_VOID,
  /** Authorize is declined for insufficient funds, with the gateway's decline code. */
  DECLINE,
  /** Authorize needs the customer (3-D Secure or approval): PENDING with a next action. */
  REDIRECT,
  /** Authorize succeeds; the status lookup of that authorization says it succeeded. */
  STATUS_AFTER_AUTHORIZE,
  /** Every request is answered later than the client timeout ({@link ScenarioContext#stubFaultOnEveryRequest()}). */
  TIMEOUT,
  /** Every request is answered with HTTP 500. */
  SERVER_ERROR,
  /** Every connection is reset by the server after the request was read. */
  CONNECTION_RESET,
  /** The gateway's base URL is a port that refuses connections; HTTP gateways need not stub anything. */
  CONNECTION_REFUSED
}
