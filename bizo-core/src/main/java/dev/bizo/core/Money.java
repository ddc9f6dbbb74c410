package dev.bizo.core;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: a whole number of minor units (cents, fils, yen) in an ISO-4217 currency.
 *
 * <p>Amounts never lose precision silently. Building from a decimal with more fraction digits than
 * the currency allows is refused, not rounded, and arithmetic refuses to mix currencies or to
 * overflow. The number of fraction digits comes from the currency: 2 for EUR, 0 for JPY, 3 for KWD.
 *
 * <pre>{@code
 * Money price = Money.of("19.99", "EUR");   // 1999 minor units
 * Money fee   = Money.ofMinor(30, "EUR");
 * Money total = price.plus(fee);            // EUR 20.29
 * }</pre>
 *
 * @param minorUnits the amount in the currency's minor unit; may be negative (e.g. a net balance)
 * @param currency an ISO-4217 currency with a defined number of fraction digits
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (currency.getDefaultFractionDigits() < 0) {
      throw ValidationException.ofField(
          "currency",
          "not_a_currency",
          currency.getCurrencyCode() + " has no minor unit and cannot hold money");
    }
  }

  /** Money from an amount already in minor units. */
  public static Money ofMinor(long minorUnits, Currency currency) {
    return new Money(minorUnits, currency);
  }

  /** Money from an amount already in minor units, with the currency given by its ISO code. */
  public static Money ofMinor(long minorUnits, String currencyCode) {
    return new Money(minorUnits, currency(currencyCode));
  }

  /**
   * Money from a decimal amount in major units, e.g. {@code 19.99} EUR.
   *
   * @throws ValidationException if the amount has more fraction digits than the currency allows, or
   *     does not fit in a long number of minor units
   */
  public static Money of(BigDecimal amount, Currency currency) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      return new Money(0, currency); // constructor rejects it with the right error
    }
    BigDecimal stripped = amount.stripTrailingZeros();
    if (stripped.scale() > digits) {
      throw ValidationException.ofField(
          "amount",
          "too_precise",
          amount.toPlainString()
              + " has more than "
              + digits
              + " fraction digit(s), the most "
              + currency.getCurrencyCode()
              + " allows");
    }
    try {
      return new Money(amount.movePointRight(digits).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw ValidationException.ofField("amount", "out_of_range", amount.toPlainString() + " is too large");
    }
  }

  /** Money from a decimal string in major units, e.g. {@code of("19.99", "EUR")}. */
  public static Money of(String amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount");
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(amount.trim());
    } catch (NumberFormatException e) {
      throw ValidationException.ofField("amount", "not_a_number", "'" + amount + "' is not a decimal number");
    }
    return of(decimal, currency(currencyCode));
  }

  /** Zero in the given currency. */
  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /**
   * Looks up an ISO-4217 currency by code.
   *
   * @throws ValidationException for an unknown code
   */
  public static Currency currency(String code) {
    Objects.requireNonNull(code, "currency code");
    try {
      return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ValidationException.ofField("currency", "unknown_currency", "'" + code + "' is not an ISO-4217 currency");
    }
  }

  /** The number of fraction digits of this currency: 2 for EUR, 0 for JPY, 3 for KWD. */
  public int fractionDigits() {
    return currency.getDefaultFractionDigits();
  }

  /** The amount in major units, exact, e.g. {@code 19.99}. */
  public BigDecimal toDecimal() {
    return BigDecimal.valueOf(minorUnits, fractionDigits());
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(exact(() -> Math.addExact(minorUnits, other.minorUnits)), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(exact(() -> Math.subtractExact(minorUnits, other.minorUnits)), currency);
  }

  public Money negate() {
    return new Money(exact(() -> Math.negateExact(minorUnits)), currency);
  }

  /** Multiplies by a whole number, e.g. a quantity. */
  public Money times(long factor) {
    return new Money(exact(() -> Math.multiplyExact(minorUnits, factor)), currency);
  }

  public boolean isZero() {
    return minorUnits == 0;
  }

  public boolean isPositive() {
    return minorUnits > 0;
  }

  public boolean isNegative() {
    return minorUnits < 0;
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  /**
   * Orders amounts of the same currency.
   *
   * @throws ValidationException when the currencies differ
   */
  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(minorUnits, other.minorUnits);
  }

  /** The currency code and the exact decimal amount, e.g. {@code EUR 19.99}. */
  @Override
  public String toString() {
    return currency.getCurrencyCode() + " " + toDecimal().toPlainString();
  }

  private void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new ValidationException(
          "money.currency_mismatch",
          "Cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode(),
          java.util.List.of());
    }
  }

  private static long exact(java.util.function.LongSupplier op) {
    try {
      return op.getAsLong();
    } catch (ArithmeticException e) {
      throw new ValidationException("money.overflow", "Amount out of range", java.util.List.of());
    }
  }
}
