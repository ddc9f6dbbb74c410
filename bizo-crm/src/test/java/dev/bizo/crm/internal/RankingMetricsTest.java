package dev.bizo.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

  @Test
  void perfect_reversed_and_tied_rankings() {
    double[] s = {0.1, 0.2, 0.8, 0.9};
    boolean[] y = {false, false, true, true};
    assertThat(RankingMetrics.rocAuc(s, y)).isEqualTo(1.0);
    assertThat(RankingMetrics.averagePrecision(s, y)).isEqualTo(1.0);
    boolean[] reversed = {true, true, false, false};
    assertThat(RankingMetrics.rocAuc(s, reversed)).isEqualTo(0.0);
    assertThat(RankingMetrics.rocAuc(new double[] {0.5, 0.5, 0.5}, new boolean[] {true, false, false}))
        .isEqualTo(0.5);
  }

  @Test
  void average_precision_of_a_hand_worked_ranking() {
    // Ranked by score: pos, neg, pos, neg -> precision at positives 1/1 and 2/3.
    double[] s = {0.9, 0.8, 0.7, 0.6};
    boolean[] y = {true, false, true, false};
    assertThat(RankingMetrics.averagePrecision(s, y)).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
    assertThat(RankingMetrics.rocAuc(s, y)).isEqualTo(0.75);
  }

  @Test
  void auc_matches_pairwise_counting() {
    Random r = new Random(5);
    double[] s = new double[200];
    boolean[] y = new boolean[200];
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.round(r.nextDouble() * 20) / 20.0;
      y[i] = r.nextDouble() < 0.3 + 0.4 * s[i];
    }
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (y[i] && !y[j]) {
          pairs++;
          wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(RankingMetrics.rocAuc(s, y)).isCloseTo(wins / pairs, within(1e-12));
  }
}
