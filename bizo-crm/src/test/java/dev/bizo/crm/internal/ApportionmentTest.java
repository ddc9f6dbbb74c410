package dev.bizo.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.crm.scoring.Contribution;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApportionmentTest {

  @Test
  void rounds_lines_to_the_rounded_total() {
    List<Contribution> lines =
        Apportionment.apportion(List.of("a", "b", "c"), new double[] {33.4, 33.4, 33.2}, 100);
    assertThat(lines).extracting(Contribution::points).containsExactly(34, 33, 33);
  }

  @Test
  void random_signed_lines_always_add_up_and_stay_within_one_point() {
    Random r = new Random(3);
    for (int t = 0; t < 1000; t++) {
      int n = 1 + r.nextInt(12);
      double[] raw = new double[n];
      double sum = 0;
      List<String> labels = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        raw[i] = (r.nextDouble() - 0.4) * 40;
        sum += raw[i];
        labels.add("l" + i);
      }
      int total = (int) Math.round(sum);
      List<Contribution> lines = Apportionment.apportion(labels, raw, total);
      assertThat(lines.stream().mapToInt(Contribution::points).sum()).isEqualTo(total);
      for (Contribution c : lines) {
        double original = raw[labels.indexOf(c.label())];
        assertThat(Math.abs(c.points() - original)).isLessThan(1.0);
      }
    }
  }
}
