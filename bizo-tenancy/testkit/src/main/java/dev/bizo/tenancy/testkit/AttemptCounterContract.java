package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.tenancy.auth.spi.AttemptCounter;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AttemptCounter} meets. Implementations extend this class and supply a
 * counter with a 15-minute window on the given clock.
 */
public abstract class AttemptCounterContract {

  protected static final Duration WINDOW = Duration.ofMinutes(15);

  protected final MutableClock clock = MutableClock.startingAtNewYear();

  /** A fresh, empty counter with a {@link #WINDOW} window on {@link #clock}. */
  protected abstract AttemptCounter counter();

  @Test
  void counts_recorded_attempts_per_key() {
    AttemptCounter counter = counter();

    assertThat(counter.count("k1")).isZero();
    assertThat(counter.record("k1")).isEqualTo(1);
    assertThat(counter.record("k1")).isEqualTo(2);
    assertThat(counter.count("k1")).isEqualTo(2);
    assertThat(counter.count("k2")).isZero();
  }

  @Test
  void forgets_attempts_that_slid_out_of_the_window() {
    AttemptCounter counter = counter();
    counter.record("k");
    clock.advance(Duration.ofMinutes(10));
    counter.record("k");

    clock.advance(Duration.ofMinutes(5)); // the first attempt is now exactly one window old
    assertThat(counter.count("k")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    assertThat(counter.count("k")).isZero();
  }

  @Test
  void reset_forgets_one_key_only() {
    AttemptCounter counter = counter();
    counter.record("a");
    counter.record("b");

    counter.reset("a");

    assertThat(counter.count("a")).isZero();
    assertThat(counter.count("b")).isEqualTo(1);
  }

  @Test
  void counts_concurrent_attempts_without_losing_any() throws Exception {
    AttemptCounter counter = counter();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        futures.add(pool.submit(() -> counter.record("shared")));
      }
      for (Future<Integer> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(counter.count("shared")).isEqualTo(20);
  }
}
