package dev.bizo.agents.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  @Test
  void estimates_cost_per_thousand_tokens_in_and_out() {
    PriceTable table = PriceTable.parse("gpt-4o-mini=0.00015/0.0006, llama3.1=0/0");

    assertThat(table.estimate("gpt-4o-mini", new TokenCount(10_000, 2_000))).isEqualByComparingTo("0.0027");
    assertThat(table.estimate("llama3.1", new TokenCount(10_000, 2_000))).isEqualByComparingTo("0");
    assertThat(table.estimate("unknown", new TokenCount(10_000, 2_000))).isEqualByComparingTo("0");
  }

  @Test
  void refuses_malformed_entries() {
    assertThatThrownBy(() -> PriceTable.parse("gpt=abc/1")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> PriceTable.parse("gpt-0.1")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> PriceTable.parse("gpt=-1/1")).isInstanceOf(ConfigurationException.class);
  }
}
