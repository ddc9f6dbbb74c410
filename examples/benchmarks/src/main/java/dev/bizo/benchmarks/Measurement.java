package dev.bizo.benchmarks;

import java.time.Duration;

/** One part of the suite: takes its figures at a size and reports them. */
public interface Measurement {

  /** Short name, used by {@code --only=} and in failure lines. */
  String name();

  /** How long it may take at {@code size} before the suite gives up on it. */
  Duration bound(SuiteSize size);

  /** Measures and reports; any exception is reported as a failure of this measurement. */
  void run(SuiteSize size, Report report) throws Exception;
}
