package dev.bizo.benchmarks;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One measured figure beside its baseline, printed as exactly one line:
 * {@code name: value unit (baseline: value baselineUnit, ratio: x)}, where {@code ratio = value / baseline}.
 *
 * @param name lower-case words joined by dashes, e.g. {@code payment-overhead-p99}
 * @param value the measured value
 * @param unit the value's unit, one word, e.g. {@code ms} or {@code rows/s}
 * @param baseline what the value is compared with: a measurement of the same work done another way, or a goal
 * @param baselineUnit the baseline's unit, with what it is when that is not obvious, e.g. {@code ms goal}
 */
public record Figure(String name, double value, String unit, double baseline, String baselineUnit) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** Validates the name, units and values (finite; a positive baseline). */
  public Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(baselineUnit, "baselineUnit");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("A figure name is lower-case words joined by dashes: " + name);
    }
    if (unit.isBlank() || unit.contains(" ") || baselineUnit.isBlank() || baselineUnit.contains(",")) {
      throw new IllegalArgumentException("Bad units for " + name + ": '" + unit + "', '" + baselineUnit + "'");
    }
    if (!Double.isFinite(value) || !Double.isFinite(baseline) || baseline <= 0) {
      throw new IllegalArgumentException("Bad values for " + name + ": " + value + " against " + baseline);
    }
  }

  /** A figure whose baseline has the same unit. */
  public static Figure of(String name, double value, String unit, double baseline) {
    return new Figure(name, value, unit, baseline, unit);
  }

  /** {@code value / baseline}. */
  public double ratio() {
    return value / baseline;
  }

  /** The line the suite prints. */
  public String line() {
    return String.format(
        Locale.ROOT, "%s: %s %s (baseline: %s %s, ratio: %.3f)", name, number(value), unit, number(baseline), baselineUnit, ratio());
  }

  /** Three significant digits or more, no exponent, no grouping. */
  static String number(double v) {
    double a = Math.abs(v);
    String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, v);
  }
}
