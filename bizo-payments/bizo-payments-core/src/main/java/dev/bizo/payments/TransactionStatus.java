package dev.bizo.payments;

/** Where one gateway operation of a {@link Payment} stands. */
public enum TransactionStatus {
  /** Started; the gateway has not answered yet. */
  REQUESTED,
  /** The gateway accepted it but has not finished. */
  PENDING,
  /** It may have reached the gateway; reconciliation will find out. */
  UNKNOWN,
  /** It happened. */
  SUCCEEDED,
  /** The gateway refused it. */
  DECLINED,
  /** It provably never reached the gateway. */
  FAILED;

  /** Whether the outcome is settled for good. */
  public boolean isSettled() {
    return this == SUCCEEDED || this == DECLINED || this == FAILED;
  }

  /** Whether reconciliation should ask the gateway about it. */
  public boolean needsReconciliation() {
    return this == PENDING || this == UNKNOWN;
  }
}
