package dev.bizo.payments;

import dev.bizo.core.ConflictException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The payment state machine as one explicit table: every legal move, and nothing else.
 *
 * <table>
 *   <caption>Legal transitions</caption>
 *   <tr><th>From</th><th>To</th></tr>
 *   <tr><td>NEW</td><td>PENDING, UNKNOWN, AUTHORIZED, CAPTURED, DECLINED, FAILED</td></tr>
 *   <tr><td>PENDING</td><td>AUTHORIZED, CAPTURED, DECLINED</td></tr>
 *   <tr><td>UNKNOWN</td><td>PENDING, AUTHORIZED, CAPTURED, DECLINED</td></tr>
 *   <tr><td>AUTHORIZED</td><td>CAPTURED, VOIDED</td></tr>
 *   <tr><td>CAPTURED</td><td>PARTIALLY_REFUNDED, REFUNDED</td></tr>
 *   <tr><td>PARTIALLY_REFUNDED</td><td>PARTIALLY_REFUNDED, REFUNDED</td></tr>
 *   <tr><td>REFUNDED, VOIDED, DECLINED, FAILED</td><td>none: final</td></tr>
 * </table>
 *
 * <p>FAILED is reachable only from NEW: it means the request provably never reached a gateway. A request
 * that may have reached one is UNKNOWN and can only settle to what the gateway says. Amount rules (capture
 * no more than authorized, refunds never above the captured total) are enforced by {@link Payment}.
 */
public final class PaymentTransitions {

  /** The error code of an illegal transition. */
  public static final String ILLEGAL_TRANSITION = "payment.illegal_transition";

  private static final Map<PaymentStatus, Set<PaymentStatus>> TABLE = table();

  private PaymentTransitions() {}

  private static Map<PaymentStatus, Set<PaymentStatus>> table() {
    Map<PaymentStatus, Set<PaymentStatus>> t = new EnumMap<>(PaymentStatus.class);
    for (PaymentStatus s : PaymentStatus.values()) {
      t.put(s, EnumSet.noneOf(PaymentStatus.class));
    }
    t.get(PaymentStatus.NEW).addAll(EnumSet.of(
        PaymentStatus.PENDING, PaymentStatus.UNKNOWN, PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED,
        PaymentStatus.DECLINED, PaymentStatus.FAILED));
    t.get(PaymentStatus.PENDING).addAll(EnumSet.of(
        PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED, PaymentStatus.DECLINED));
    t.get(PaymentStatus.UNKNOWN).addAll(EnumSet.of(
        PaymentStatus.PENDING, PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED, PaymentStatus.DECLINED));
    t.get(PaymentStatus.AUTHORIZED).addAll(EnumSet.of(PaymentStatus.CAPTURED, PaymentStatus.VOIDED));
    t.get(PaymentStatus.CAPTURED).addAll(EnumSet.of(PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED));
    t.get(PaymentStatus.PARTIALLY_REFUNDED).addAll(
        EnumSet.of(PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED));
    Map<PaymentStatus, Set<PaymentStatus>> frozen = new EnumMap<>(PaymentStatus.class);
    t.forEach((from, to) -> frozen.put(from, Collections.unmodifiableSet(to)));
    return Collections.unmodifiableMap(frozen);
  }

  /** Whether the table allows moving from {@code from} to {@code to}. */
  public static boolean isAllowed(PaymentStatus from, PaymentStatus to) {
    return TABLE.get(Objects.requireNonNull(from, "from")).contains(Objects.requireNonNull(to, "to"));
  }

  /** Every status reachable in one step from {@code from}; empty for a final status. */
  public static Set<PaymentStatus> allowedFrom(PaymentStatus from) {
    return TABLE.get(Objects.requireNonNull(from, "from"));
  }

  /**
   * Checks a move.
   *
   * @throws ConflictException with code {@value #ILLEGAL_TRANSITION}, naming the current status
   */
  public static void require(PaymentStatus from, PaymentStatus to) {
    if (!isAllowed(from, to)) {
      throw illegal(from, to.name());
    }
  }

  /** The error for an operation the current status does not allow. */
  static ConflictException illegal(PaymentStatus current, String attempted) {
    return new ConflictException(
        ILLEGAL_TRANSITION,
        "The payment is " + current + "; " + attempted + " is not allowed from " + current
            + " (allowed: " + allowedFrom(current) + ")");
  }
}
