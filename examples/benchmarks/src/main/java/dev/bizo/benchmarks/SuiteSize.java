package dev.bizo.benchmarks;

/**
 * How big and how long each benchmark runs. Every figure is measured at every size; only the amount of
 * data and the measuring time change.
 */
public enum SuiteSize {
  /** Seconds per figure: the smoke run of the build, which proves the suite works, not how fast anything is. */
  TINY,
  /** The default: small data, a few seconds per figure, the whole suite in about ten minutes. */
  SMALL,
  /** The sizes the goals name: 1,000,000 leads, 100,000 vectors, long measuring windows. */
  FULL;

  /** {@code tiny}, {@code small} or {@code full} as a value for this size. */
  public <T> T pick(T tiny, T small, T full) {
    return switch (this) {
      case TINY -> tiny;
      case SMALL -> small;
      case FULL -> full;
    };
  }

  /** {@link #pick} for ints. */
  public int ints(int tiny, int small, int full) {
    return pick(tiny, small, full);
  }

  /** {@link #pick} for doubles, e.g. seconds. */
  public double doubles(double tiny, double small, double full) {
    return pick(tiny, small, full);
  }
}
