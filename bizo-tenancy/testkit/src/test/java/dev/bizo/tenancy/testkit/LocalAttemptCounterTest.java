package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.tenancy.auth.internal.LocalAttemptCounter;
import dev.bizo.tenancy.auth.spi.AttemptCounter;
import org.junit.jupiter.api.Test;

class LocalAttemptCounterTest extends AttemptCounterContract {

  @Override
  protected AttemptCounter counter() {
    return new LocalAttemptCounter(WINDOW, 100, 1_000, clock);
  }

  @Test
  void remembers_no_more_than_its_bound_per_key() {
    AttemptCounter counter = new LocalAttemptCounter(WINDOW, 3, 1_000, clock);
    for (int i = 0; i < 10; i++) {
      counter.record("k");
    }
    assertThat(counter.count("k")).isEqualTo(3);
  }
}
