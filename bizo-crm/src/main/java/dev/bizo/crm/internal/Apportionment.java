package dev.bizo.crm.internal;

import dev.bizo.crm.scoring.Contribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Rounds fractional contributions to whole points that add up to a chosen total (largest remainder
 * method), so an explanation always sums to the score it explains.
 */
public final class Apportionment {

  private Apportionment() {}

  /**
   * Rounds {@code raw} lines so they sum to {@code total}; lines that round to zero are dropped.
   *
   * @param labels line labels
   * @param raw fractional points, same length as labels
   * @param total the integer the result must add up to; within {@code labels.size()} of the sum
   */
  public static List<Contribution> apportion(List<String> labels, double[] raw, int total) {
    int n = raw.length;
    long[] points = new long[n];
    double[] remainder = new double[n];
    long floorSum = 0;
    for (int i = 0; i < n; i++) {
      double f = Math.floor(raw[i]);
      points[i] = (long) f;
      remainder[i] = raw[i] - f;
      floorSum += points[i];
    }
    long remaining = total - floorSum;
    if (remaining < 0 || remaining > n) {
      throw new IllegalStateException("total " + total + " is not reachable from " + floorSum);
    }
    // Hand the missing points to the largest remainders; earlier lines win ties.
    for (long k = 0; k < remaining; k++) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (remainder[i] >= 0 && (best < 0 || remainder[i] > remainder[best])) {
          best = i;
        }
      }
      points[best]++;
      remainder[best] = -1;
    }
    List<Contribution> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (points[i] != 0) {
        out.add(new Contribution(labels.get(i), Math.toIntExact(points[i])));
      }
    }
    return out;
  }
}
