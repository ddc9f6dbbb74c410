package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final LoginThrottle throttle = LoginThrottle.local(new ThrottleSettings(3, 5, Duration.ofMinutes(15)), clock);

  @Test
  void locks_an_account_after_its_limit_and_unlocks_when_failures_age_out() {
    for (int i = 0; i < 2; i++) {
      throttle.recordFailure("acme", "ann@acme.test", "10.0.0." + i);
    }
    assertThat(throttle.isAccountLocked("acme", "ann@acme.test")).isFalse();

    throttle.recordFailure("acme", "ann@acme.test", "10.0.0.9");
    assertThat(throttle.isAccountLocked("acme", "ann@acme.test")).isTrue();
    assertThat(throttle.isAccountLocked("acme", "bob@acme.test")).isFalse();
    assertThat(throttle.isAccountLocked("other", "ann@acme.test")).isFalse();

    clock.advance(Duration.ofMinutes(15));
    assertThat(throttle.isAccountLocked("acme", "ann@acme.test")).isFalse();
  }

  @Test
  void treats_email_case_and_spacing_as_the_same_account() {
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure("Acme", i % 2 == 0 ? " ANN@acme.test" : "ann@ACME.test ", "10.0.0.1");
    }
    assertThat(throttle.isAccountLocked("acme", "ann@acme.test")).isTrue();
  }

  @Test
  void blocks_an_address_spraying_many_accounts() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("acme", "user" + i + "@acme.test", "203.0.113.7");
    }
    assertThat(throttle.isAddressBlocked("203.0.113.7")).isTrue();
    assertThat(throttle.isAddressBlocked("203.0.113.8")).isFalse();
    assertThat(throttle.isAccountLocked("acme", "user0@acme.test")).isFalse();
  }

  @Test
  void success_clears_the_account_but_not_the_address() {
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure("acme", "ann@acme.test", "198.51.100.1");
    }
    throttle.recordSuccess("acme", "ann@acme.test");

    assertThat(throttle.isAccountLocked("acme", "ann@acme.test")).isFalse();
    throttle.recordFailure("x", "y@z.test", "198.51.100.1");
    throttle.recordFailure("x", "y@z.test", "198.51.100.1");
    assertThat(throttle.isAddressBlocked("198.51.100.1")).isTrue();
  }

  @Test
  void keeps_email_addresses_out_of_counter_keys() {
    assertThat(LoginThrottle.accountKey("acme", "ann@acme.test")).doesNotContain("ann").startsWith("account:");
  }
}
