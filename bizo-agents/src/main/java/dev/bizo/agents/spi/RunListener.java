package dev.bizo.agents.spi;

import dev.bizo.agents.trace.RunEvent;

/**
 * Receives progress events live, on the thread doing the work, while a run is under way (e.g. to push them
 * to a browser over SSE). Implementations must be quick and thread-safe: parallel crews call from several
 * threads. An exception thrown here is logged and ignored; it never fails the run.
 */
@FunctionalInterface
public interface RunListener {

  /** A listener that ignores everything. */
  RunListener NONE = event -> { };

  /**
   * Called for each event, in order per step.
   *
   * @param event the event
   */
  void onEvent(RunEvent event);
}
