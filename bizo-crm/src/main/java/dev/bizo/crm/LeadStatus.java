package dev.bizo.crm;

/**
 * Where a lead stands in the sales process. Allowed moves between statuses are defined by {@link
 * LeadLifecycle}.
 */
public enum LeadStatus {
  /** Just captured; nobody has reached out yet. */
  NEW,
  /** A first contact was made. */
  CONTACTED,
  /** Confirmed to have need, budget and authority. */
  QUALIFIED,
  /** A proposal or quote was sent. */
  PROPOSAL,
  /** Terms are being negotiated. */
  NEGOTIATION,
  /** Converted into a customer. Terminal. */
  WON,
  /** The deal was lost. Can be reopened to {@link #CONTACTED}. */
  LOST,
  /** Not a fit. Can be revisited back to {@link #NEW}. */
  UNQUALIFIED;

  /** Whether this status closes the sales process with an outcome usable for training. */
  public boolean isOutcome() {
    return this == WON || this == LOST;
  }
}
