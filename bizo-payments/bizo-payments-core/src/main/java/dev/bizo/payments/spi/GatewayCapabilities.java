package dev.bizo.payments.spi;

import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link PaymentGateway} can do, declared up front so routing, the API and the TCK know it
 * without trying.
 *
 * <p>The {@code require…} methods are the checks a gateway runs at the top of each operation, before
 * anything is sent: an operation the gateway declared unsupported throws {@link
 * UnsupportedFeatureException}, and an amount that is zero, negative or above the declared maximum throws
 * {@link ValidationException}. Using them keeps every gateway's refusals identical, which the TCK
 * asserts.
 *
 * <pre>{@code
 * GatewayCapabilities caps = GatewayCapabilities.builder()
 *     .manualCapture(true).partialCapture(true).partialRefund(true).voidAuthorization(true)
 *     .redirects(true)
 *     .currencies("EUR", "USD", "JPY")
 *     .maxAmount(Money.of("999999.99", "EUR"))
 *     .build();
 * }</pre>
 */
public final class GatewayCapabilities {

  private final boolean manualCapture;
  private final boolean partialCapture;
  private final boolean partialRefund;
  private final boolean voidAuthorization;
  private final boolean redirects;
  private final boolean simulator;
  private final Set<Currency> currencies;
  private final Map<Currency, Money> maxAmounts;

  private GatewayCapabilities(Builder b) {
    if (b.currencies.isEmpty()) {
      throw new IllegalArgumentException("A gateway declares at least one supported currency");
    }
    if (b.partialCapture && !b.manualCapture) {
      throw new IllegalArgumentException("Partial capture needs manual capture");
    }
    if (b.voidAuthorization && !b.manualCapture) {
      throw new IllegalArgumentException("Voiding an authorization needs manual capture");
    }
    for (Currency currency : b.maxAmounts.keySet()) {
      if (!b.currencies.contains(currency)) {
        throw new IllegalArgumentException("Maximum declared for unsupported currency " + currency);
      }
    }
    this.manualCapture = b.manualCapture;
    this.partialCapture = b.partialCapture;
    this.partialRefund = b.partialRefund;
    this.voidAuthorization = b.voidAuthorization;
    this.redirects = b.redirects;
    this.simulator = b.simulator;
    this.currencies = Collections.unmodifiableSet(new LinkedHashSet<>(b.currencies));
    this.maxAmounts = Collections.unmodifiableMap(new LinkedHashMap<>(b.maxAmounts));
  }

  /** Starts a declaration where everything is unsupported until switched on. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@link PaymentGateway#authorize} holds funds for a later {@link PaymentGateway#capture}. */
  public boolean manualCapture() {
    return manualCapture;
  }

  /** Whether a capture may take less than the authorized amount (the rest is released). */
  public boolean partialCapture() {
    return partialCapture;
  }

  /** Whether a refund may return less than the captured amount, possibly several times. */
  public boolean partialRefund() {
    return partialRefund;
  }

  /** Whether an uncaptured authorization can be cancelled through {@link PaymentGateway#voidAuthorization}. */
  public boolean voidAuthorization() {
    return voidAuthorization;
  }

  /** Whether results may be PENDING with a {@link NextAction} (3-D Secure, redirect, approval link). */
  public boolean redirects() {
    return redirects;
  }

  /** True for gateways that move no real money; the gateway list shows them as simulators. */
  public boolean simulator() {
    return simulator;
  }

  /** The currencies this gateway settles; never empty. */
  public Set<Currency> currencies() {
    return currencies;
  }

  /** Whether this gateway settles the currency. */
  public boolean supports(Currency currency) {
    return currencies.contains(currency);
  }

  /** The largest amount one payment may have in this currency, when the gateway has a limit. */
  public Optional<Money> maxAmount(Currency currency) {
    return Optional.ofNullable(maxAmounts.get(currency));
  }

  /** Every declared maximum, by currency. */
  public Map<Currency, Money> maxAmounts() {
    return maxAmounts;
  }

  /**
   * Checks an amount before sending it: positive, in a supported currency, and not above the maximum.
   *
   * @param field the request field named in a validation error, e.g. {@code amount}
   * @throws ValidationException with field code {@code not_positive} or {@code above_maximum}
   * @throws UnsupportedFeatureException with code {@code gateway.currency_unsupported}
   */
  public void requireAcceptable(String field, Money amount) {
    Objects.requireNonNull(amount, field);
    if (!amount.isPositive()) {
      throw ValidationException.ofField(field, "not_positive", "The amount must be positive, got " + amount);
    }
    if (!supports(amount.currency())) {
      throw new UnsupportedFeatureException(
          "gateway.currency_unsupported", "The gateway does not settle " + amount.currency().getCurrencyCode());
    }
    Money max = maxAmounts.get(amount.currency());
    if (max != null && amount.isGreaterThan(max)) {
      throw ValidationException.ofField(
          field, "above_maximum", "The amount " + amount + " is above the gateway's maximum of " + max);
    }
  }

  /**
   * Checks a separate authorization is possible.
   *
   * @throws UnsupportedFeatureException with code {@code gateway.manual_capture_unsupported}
   */
  public void requireManualCapture() {
    if (!manualCapture) {
      throw new UnsupportedFeatureException(
          "gateway.manual_capture_unsupported", "The gateway cannot authorize without capturing");
    }
  }

  /**
   * Checks a capture of {@code amount} out of {@code authorized} is possible.
   *
   * @throws ValidationException when the amount is not positive or exceeds the authorized amount
   * @throws UnsupportedFeatureException with code {@code gateway.partial_capture_unsupported}
   */
  public void requireCapture(Money amount, Money authorized) {
    requireManualCapture();
    requirePortion("amount", amount, authorized);
    if (amount.compareTo(authorized) < 0 && !partialCapture) {
      throw new UnsupportedFeatureException(
          "gateway.partial_capture_unsupported", "The gateway captures only the full authorized amount");
    }
  }

  /**
   * Checks a refund of {@code amount} out of {@code captured} is possible.
   *
   * @throws ValidationException when the amount is not positive or exceeds the captured amount
   * @throws UnsupportedFeatureException with code {@code gateway.partial_refund_unsupported}
   */
  public void requireRefund(Money amount, Money captured) {
    requirePortion("amount", amount, captured);
    if (amount.compareTo(captured) < 0 && !partialRefund) {
      throw new UnsupportedFeatureException(
          "gateway.partial_refund_unsupported", "The gateway refunds only the full captured amount");
    }
  }

  /**
   * Checks an authorization can be voided.
   *
   * @throws UnsupportedFeatureException with code {@code gateway.void_unsupported}
   */
  public void requireVoid() {
    if (!voidAuthorization) {
      throw new UnsupportedFeatureException("gateway.void_unsupported", "The gateway cannot void an authorization");
    }
  }

  private static void requirePortion(String field, Money amount, Money whole) {
    Objects.requireNonNull(amount, field);
    Objects.requireNonNull(whole, "whole");
    if (!amount.isPositive()) {
      throw ValidationException.ofField(field, "not_positive", "The amount must be positive, got " + amount);
    }
    if (amount.isGreaterThan(whole)) {
      throw ValidationException.ofField(field, "above_available", "The amount " + amount + " exceeds " + whole);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayCapabilities c
        && manualCapture == c.manualCapture
        && partialCapture == c.partialCapture
        && partialRefund == c.partialRefund
        && voidAuthorization == c.voidAuthorization
        && redirects == c.redirects
        && simulator == c.simulator
        && currencies.equals(c.currencies)
        && maxAmounts.equals(c.maxAmounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        manualCapture, partialCapture, partialRefund, voidAuthorization, redirects, simulator, currencies, maxAmounts);
  }

  @Override
  public String toString() {
    return "GatewayCapabilities{manualCapture=" + manualCapture
        + ", partialCapture=" + partialCapture
        + ", partialRefund=" + partialRefund
        + ", voidAuthorization=" + voidAuthorization
        + ", redirects=" + redirects
        + ", simulator=" + simulator
        + ", currencies=" + currencies
        + ", maxAmounts=" + maxAmounts.values()
        + '}';
  }

  /** Builds a {@link GatewayCapabilities}; every feature starts unsupported. */
  public static final class Builder {
    private boolean manualCapture;
    private boolean partialCapture;
    private boolean partialRefund;
    private boolean voidAuthorization;
    private boolean redirects;
    private boolean simulator;
    private final Set<Currency> currencies = new LinkedHashSet<>();
    private final Map<Currency, Money> maxAmounts = new LinkedHashMap<>();

    private Builder() {}

    /** See {@link GatewayCapabilities#manualCapture()}. */
    public Builder manualCapture(boolean supported) {
      this.manualCapture = supported;
      return this;
    }

    /** See {@link GatewayCapabilities#partialCapture()}. */
    public Builder partialCapture(boolean supported) {
      this.partialCapture = supported;
      return this;
    }

    /** See {@link GatewayCapabilities#partialRefund()}. */
    public Builder partialRefund(boolean supported) {
      this.partialRefund = supported;
      return this;
    }

    /** See {@link GatewayCapabilities#voidAuthorization()}. */
    public Builder voidAuthorization(boolean supported) {
      this.voidAuthorization = supported;
      return this;
    }

    /** See {@link GatewayCapabilities#redirects()}. */
    public Builder redirects(boolean supported) {
      this.redirects = supported;
      return this;
    }

    /** See {@link GatewayCapabilities#simulator()}. */
    public Builder simulator(boolean simulator) {
      this.simulator = simulator;
      return this;
    }

    /** Adds supported currencies by ISO code. */
    public Builder currencies(String... codes) {
      for (String code : codes) {
        currencies.add(Money.currency(code));
      }
      return this;
    }

    /** Adds supported currencies. */
    public Builder currencies(Set<Currency> supported) {
      currencies.addAll(supported);
      return this;
    }

    /** Declares the largest amount one payment may have in the amount's currency. */
    public Builder maxAmount(Money max) {
      if (!max.isPositive()) {
        throw new IllegalArgumentException("A maximum amount is positive: " + max);
      }
      maxAmounts.put(max.currency(), max);
      return this;
    }

    /**
     * The declaration.
     *
     * @throws IllegalArgumentException when no currency is declared, partial capture or void is declared
     *     without manual capture, or a maximum names an unsupported currency
     */
    public GatewayCapabilities build() {
      return new GatewayCapabilities(this);
    }
  }
}
