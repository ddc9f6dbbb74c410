package dev.bizo.crm.internal;

import dev.bizo.crm.scoring.Contribution;
import java.util.ArrayList;
import java.util.Comparator;
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
    long[] floors = new long[n];
    long floorSum = 0;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      floors[i] = (long) Math.floor(raw[i]);
      floorSum += floors[i];
      order[i] = i;
    }
    long remaining = total - floorSum;
    if (remaining < 0 || remaining > n) {
      throw new IllegalStateException("total " + total + " is not reachable from " + floorSum);
    }
    java.util.Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(i -> -(raw[i] - floors[i])).thenComparingInt(i -> i));
    for (int k = 0; k < remaining; k++) {
      floors[order[k]]++;
    }
    List<Contribution> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (floors[i] != 0) {
        out.add(new Contribution(labels.get(i), Math.toIntExact(floors[i])));
      }
    }
    return out;
  }
}
