package dev.bizo.payments.spi;

import dev.bizo.core.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway said about one operation, normalized.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>Outcome</th><th>Meaning</th><th>Carries</th></tr>
 *   <tr><td>{@link Outcome#SUCCESS SUCCESS}</td><td>the operation happened</td>
 *       <td>gateway reference, amount processed</td></tr>
 *   <tr><td>{@link Outcome#PENDING PENDING}</td><td>accepted, not finished: the customer must act or
 *       the gateway settles later</td><td>gateway reference, usually a {@link NextAction}</td></tr>
 *   <tr><td>{@link Outcome#DECLINED DECLINED}</td><td>the gateway refused; nothing moved</td>
 *       <td>the gateway's decline code and message</td></tr>
 *   <tr><td>{@link Outcome#UNKNOWN UNKNOWN}</td><td>the request <em>may</em> have reached the gateway
 *       (timeout, HTTP 5xx, connection reset after sending); money may have moved</td>
 *       <td>a reason, and a reference if one is known</td></tr>
 * </table>
 *
 * <p>A request that provably never left (connection refused, DNS failure, connect timeout) is not a
 * result at all: the gateway throws {@link GatewayUnreachableException}. That split is what lets the
 * router fall back to another gateway safely, and what keeps UNKNOWN honest: an UNKNOWN transaction is
 * reconciled through {@link PaymentGateway#fetchStatus}, never retried on a different gateway.
 */
public final class GatewayResult {

  /** The normalized outcomes, see the class description. */
  public enum Outcome {
    /** The operation happened. */
    SUCCESS,
    /** Accepted but not finished. */
    PENDING,
    /** Refused by the gateway; nothing moved. */
    DECLINED,
    /** May or may not have happened; reconcile with {@link PaymentGateway#fetchStatus}. */
    UNKNOWN
  }

  private final Outcome outcome;
  private final String gatewayReference;
  private final Money amount;
  private final NextAction nextAction;
  private final String declineCode;
  private final String message;

  private GatewayResult(
      Outcome outcome, String gatewayReference, Money amount, NextAction nextAction, String declineCode, String message) {
    this.outcome = outcome;
    this.gatewayReference = gatewayReference;
    this.amount = amount;
    this.nextAction = nextAction;
    this.declineCode = declineCode;
    this.message = message;
  }

  /**
   * The operation happened.
   *
   * @param gatewayReference the gateway's id for what was created or changed (PaymentIntent, capture, refund)
   * @param amount the amount authorized, captured or refunded, exactly as the gateway reported it
   */
  public static GatewayResult success(String gatewayReference, Money amount) {
    return new GatewayResult(
        Outcome.SUCCESS, requireText(gatewayReference, "gatewayReference"), Objects.requireNonNull(amount, "amount"),
        null, null, null);
  }

  /**
   * Accepted, not finished.
   *
   * @param gatewayReference the gateway's id for the pending operation
   * @param nextAction what the customer must do, or {@code null} when the gateway finishes on its own
   *     (e.g. an asynchronous refund)
   */
  public static GatewayResult pending(String gatewayReference, NextAction nextAction) {
    return new GatewayResult(
        Outcome.PENDING, requireText(gatewayReference, "gatewayReference"), null, nextAction, null, null);
  }

  /**
   * Refused by the gateway.
   *
   * @param gatewayReference the gateway's id for the refused attempt, or {@code null} when it gave none
   * @param declineCode the gateway's own code, kept verbatim (e.g. {@code insufficient_funds})
   * @param message the gateway's human-readable explanation
   */
  public static GatewayResult declined(String gatewayReference, String declineCode, String message) {
    return new GatewayResult(
        Outcome.DECLINED, gatewayReference, null, null, requireText(declineCode, "declineCode"),
        Objects.requireNonNull(message, "message"));
  }

  /**
   * The request may have reached the gateway; nobody knows yet whether money moved.
   *
   * @param gatewayReference the id of the operation when known (e.g. a capture on a known authorization),
   *     or {@code null}
   * @param reason what happened, for people, e.g. {@code read timed out after 10s}; never contains secrets
   */
  public static GatewayResult unknown(String gatewayReference, String reason) {
    return new GatewayResult(
        Outcome.UNKNOWN, gatewayReference, null, null, null, requireText(reason, "reason"));
  }

  /** The outcome. */
  public Outcome outcome() {
    return outcome;
  }

  /** Whether the outcome is {@code outcome}. */
  public boolean is(Outcome expected) {
    return outcome == expected;
  }

  /** The gateway's id for the operation; always present for SUCCESS and PENDING. */
  public Optional<String> gatewayReference() {
    return Optional.ofNullable(gatewayReference);
  }

  /** The amount processed; present for SUCCESS. */
  public Optional<Money> amount() {
    return Optional.ofNullable(amount);
  }

  /** What the customer must do; only ever present for PENDING. */
  public Optional<NextAction> nextAction() {
    return Optional.ofNullable(nextAction);
  }

  /** The gateway's decline code; present for DECLINED. */
  public Optional<String> declineCode() {
    return Optional.ofNullable(declineCode);
  }

  /** The gateway's decline message (DECLINED) or the reason (UNKNOWN). */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayResult r
        && outcome == r.outcome
        && Objects.equals(gatewayReference, r.gatewayReference)
        && Objects.equals(amount, r.amount)
        && Objects.equals(nextAction, r.nextAction)
        && Objects.equals(declineCode, r.declineCode)
        && Objects.equals(message, r.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outcome, gatewayReference, amount, nextAction, declineCode, message);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("GatewayResult[").append(outcome);
    if (gatewayReference != null) {
      out.append(", ref=").append(gatewayReference);
    }
    if (amount != null) {
      out.append(", amount=").append(amount);
    }
    if (nextAction != null) {
      out.append(", next=").append(nextAction);
    }
    if (declineCode != null) {
      out.append(", code=").append(declineCode);
    }
    if (message != null) {
      out.append(", message=").append(message);
    }
    return out.append(']').toString();
  }
}
