package dev.bizo.tenancy.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on failed logins within a sliding window.
 *
 * @param maxAccountFailures failures of one account (tenant slug + e-mail) after which it is locked
 *     until old failures leave the window
 * @param maxAddressFailures failures from one client address, across accounts, after which that
 *     address is blocked
 * @param window how far back failures count
 */
public record ThrottleSettings(int maxAccountFailures, int maxAddressFailures, Duration window) {

  public ThrottleSettings {
    Objects.requireNonNull(window, "window");
    if (maxAccountFailures < 1 || maxAddressFailures < 1) {
      throw new IllegalArgumentException("Failure limits must be at least 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
  }

  /** Five failures per account and 50 per address, within 15 minutes. */
  public static ThrottleSettings defaults() {
    return new ThrottleSettings(5, 50, Duration.ofMinutes(15));
  }
}
