package dev.bizo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FigureTest {

  @Test
  void prints_value_unit_baseline_and_the_ratio_of_the_two_on_one_line() {
    Figure f = Figure.of("payment-overhead-p99", 2.5, "ms", 50.125);

    assertThat(f.line()).isEqualTo("payment-overhead-p99: 2.50 ms (baseline: 50.1 ms, ratio: 0.050)");
    assertThat(BenchmarkSuiteIT.FIGURE_LINE.matcher(f.line()).matches()).isTrue();
  }

  @Test
  void prints_a_goal_baseline_with_what_it_is() {
    Figure f = new Figure("rule-scoring-throughput", 7_250_000.4, "leads/s/core", 5_000_000, "leads/s/core goal");

    assertThat(f.line())
        .isEqualTo("rule-scoring-throughput: 7250000 leads/s/core (baseline: 5000000 leads/s/core goal, ratio: 1.450)");
    assertThat(BenchmarkSuiteIT.FIGURE_LINE.matcher(f.line()).matches()).isTrue();
  }

  @Test
  void keeps_three_significant_digits_of_small_values() {
    assertThat(Figure.of("semantic-search-by-vector-p50", 0.0123, "ms", 0.01).line()).startsWith("semantic-search-by-vector-p50: 0.012 ms");
  }

  @Test
  void rejects_names_that_are_not_dashed_lower_case_words() {
    assertThatThrownBy(() -> Figure.of("Payment overhead", 1, "ms", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Figure.of("payment--overhead", 1, "ms", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejects_a_baseline_that_is_not_positive_and_values_that_are_not_finite() {
    assertThatThrownBy(() -> Figure.of("x", 1, "ms", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Figure.of("x", Double.NaN, "ms", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejects_a_unit_with_a_space() {
    assertThatThrownBy(() -> Figure.of("x", 1, "rows per s", 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
