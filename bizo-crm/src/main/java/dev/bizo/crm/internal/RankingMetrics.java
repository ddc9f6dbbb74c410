package dev.bizo.crm.internal;

import java.util.Arrays;
import java.util.Comparator;

/** ROC AUC and average precision from predicted probabilities, computed directly so no metric library is needed. */
public final class RankingMetrics {

  private RankingMetrics() {}

  /** ROC AUC by the Mann-Whitney statistic; tied scores count half. */
  public static double rocAuc(double[] scores, boolean[] positive) {
    Integer[] order = sortedAscending(scores);
    int n = scores.length;
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    long pos = 0;
    double rankSum = 0;
    for (int k = 0; k < n; k++) {
      if (positive[k]) {
        pos++;
        rankSum += ranks[k];
      }
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("AUC needs both classes");
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Average precision: the mean of precision at each positive, ranking by descending score. */
  public static double averagePrecision(double[] scores, boolean[] positive) {
    Integer[] order = sortedAscending(scores);
    long totalPos = 0;
    for (boolean p : positive) {
      if (p) {
        totalPos++;
      }
    }
    if (totalPos == 0) {
      throw new IllegalArgumentException("average precision needs a positive");
    }
    double sum = 0;
    int seen = 0;
    int hits = 0;
    for (int k = order.length - 1; k >= 0; k--) {
      seen++;
      if (positive[order[k]]) {
        hits++;
        sum += (double) hits / seen;
      }
    }
    return sum / totalPos;
  }

  private static Integer[] sortedAscending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, Comparator.comparingDouble(k -> scores[k]));
    return order;
  }
}
