package dev.bizo.agents.trace;

/** Lifecycle of a run. */
public enum RunStatus {
  /** Under way. */
  RUNNING,
  /** Finished with every step done. */
  SUCCEEDED,
  /** Ended early: a limit, an invalid output that could not be repaired, or a failing tool or model. */
  FAILED
}
