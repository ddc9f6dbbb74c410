package dev.bizo.benchmarks.server;

import dev.bizo.benchmarks.Percentiles;

/**
 * What a block of concurrent writes achieved.
 *
 * @param writes successful writes
 * @param errors failed writes
 * @param seconds wall-clock length of the block
 * @param latenciesMs the latency of every successful write, in milliseconds
 */
record LoadResult(long writes, long errors, double seconds, double[] latenciesMs) {

  /** Two blocks as one: writes and time add up, latencies are pooled. */
  LoadResult plus(LoadResult other) {
    double[] all = new double[latenciesMs.length + other.latenciesMs.length];
    System.arraycopy(latenciesMs, 0, all, 0, latenciesMs.length);
    System.arraycopy(other.latenciesMs, 0, all, latenciesMs.length, other.latenciesMs.length);
    return new LoadResult(writes + other.writes, errors + other.errors, seconds + other.seconds, all);
  }

  /** Successful writes per second. */
  double perSecond() {
    return writes / seconds;
  }

  /** Percentiles of the latencies. */
  Percentiles latency() {
    return Percentiles.of(latenciesMs);
  }
}
