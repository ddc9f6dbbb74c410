package dev.bizo.benchmarks;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples. */
public final class Percentiles {

  private final double[] sorted;

  private Percentiles(double[] sorted) {
    this.sorted = sorted;
  }

  /** Of {@code samples}, which must not be empty (copied). */
  public static Percentiles of(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] s = samples.clone();
    Arrays.sort(s);
    return new Percentiles(s);
  }

  /** The smallest sample at or above {@code p} percent of them (nearest rank). */
  public double at(double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** The median: the mean of the middle two for an even count. */
  public double median() {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** How many samples. */
  public int count() {
    return sorted.length;
  }
}
