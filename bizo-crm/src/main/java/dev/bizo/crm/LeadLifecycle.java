package dev.bizo.crm;

import dev.bizo.core.ConflictException;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The explicit transition table of {@link LeadStatus}. Any move not listed here is refused with a
 * {@link ConflictException} coded {@value #ILLEGAL_TRANSITION}.
 *
 * <table>
 *   <caption>Allowed moves</caption>
 *   <tr><th>From</th><th>To</th></tr>
 *   <tr><td>NEW</td><td>CONTACTED, UNQUALIFIED, LOST</td></tr>
 *   <tr><td>CONTACTED</td><td>QUALIFIED, UNQUALIFIED, LOST</td></tr>
 *   <tr><td>QUALIFIED</td><td>PROPOSAL, UNQUALIFIED, LOST</td></tr>
 *   <tr><td>PROPOSAL</td><td>NEGOTIATION, WON, LOST</td></tr>
 *   <tr><td>NEGOTIATION</td><td>PROPOSAL, WON, LOST</td></tr>
 *   <tr><td>WON</td><td>none: terminal</td></tr>
 *   <tr><td>LOST</td><td>CONTACTED (reopen)</td></tr>
 *   <tr><td>UNQUALIFIED</td><td>NEW (revisit)</td></tr>
 * </table>
 */
public final class LeadLifecycle {

  /** Error code of a refused move. */
  public static final String ILLEGAL_TRANSITION = "lead.illegal_transition";

  private static final Map<LeadStatus, Set<LeadStatus>> ALLOWED = table();

  private LeadLifecycle() {}

  private static Map<LeadStatus, Set<LeadStatus>> table() {
    Map<LeadStatus, Set<LeadStatus>> t = new EnumMap<>(LeadStatus.class);
    t.put(LeadStatus.NEW, EnumSet.of(LeadStatus.CONTACTED, LeadStatus.UNQUALIFIED, LeadStatus.LOST));
    t.put(
        LeadStatus.CONTACTED,
        EnumSet.of(LeadStatus.QUALIFIED, LeadStatus.UNQUALIFIED, LeadStatus.LOST));
    t.put(
        LeadStatus.QUALIFIED,
        EnumSet.of(LeadStatus.PROPOSAL, LeadStatus.UNQUALIFIED, LeadStatus.LOST));
    t.put(LeadStatus.PROPOSAL, EnumSet.of(LeadStatus.NEGOTIATION, LeadStatus.WON, LeadStatus.LOST));
    t.put(LeadStatus.NEGOTIATION, EnumSet.of(LeadStatus.PROPOSAL, LeadStatus.WON, LeadStatus.LOST));
    t.put(LeadStatus.WON, EnumSet.noneOf(LeadStatus.class));
    t.put(LeadStatus.LOST, EnumSet.of(LeadStatus.CONTACTED));
    t.put(LeadStatus.UNQUALIFIED, EnumSet.of(LeadStatus.NEW));
    t.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    return Collections.unmodifiableMap(t);
  }

  /** Whether {@code from → to} is in the table. Staying in the same status is never a move. */
  public static boolean isAllowed(LeadStatus from, LeadStatus to) {
    return ALLOWED.get(Objects.requireNonNull(from, "from")).contains(Objects.requireNonNull(to, "to"));
  }

  /** The statuses reachable from {@code from} in one move. */
  public static Set<LeadStatus> nextStatuses(LeadStatus from) {
    return ALLOWED.get(Objects.requireNonNull(from, "from"));
  }

  /**
   * Moves a lead, returning the updated lead together with the recorded change.
   *
   * @param lead the lead to move
   * @param to the target status
   * @param by who makes the change
   * @param clock source of the change time
   * @return the moved lead and its status change
   * @throws ConflictException coded {@value #ILLEGAL_TRANSITION} when the move is not allowed
   */
  public static Transition move(Lead lead, LeadStatus to, String by, Clock clock) {
    Objects.requireNonNull(lead, "lead");
    if (!isAllowed(lead.status(), to)) {
      throw new ConflictException(
          ILLEGAL_TRANSITION,
          "lead " + lead.id() + " cannot move from " + lead.status() + " to " + to);
    }
    StatusChange change = new StatusChange(lead.id(), lead.status(), to, by, clock.instant());
    Lead moved = lead.toBuilder().status(to).updatedAt(change.at()).build();
    return new Transition(moved, change);
  }

  /**
   * The outcome of {@link #move}.
   *
   * @param lead the lead in its new status
   * @param change the audit record to append to the lead's history
   */
  public record Transition(Lead lead, StatusChange change) {
    public Transition {
      Objects.requireNonNull(lead, "lead");
      Objects.requireNonNull(change, "change");
    }
  }
}
