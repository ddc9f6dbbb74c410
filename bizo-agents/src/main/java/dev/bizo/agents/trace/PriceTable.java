package dev.bizo.agents.trace;

import dev.bizo.core.ConfigurationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model, per 1,000 tokens in and out, used to estimate run cost. Unknown models cost zero (and
 * the estimate says so by being zero); the offline mode is always free.
 */
public final class PriceTable {

  /**
   * The price of one model.
   *
   * @param inputPer1k price per 1,000 input tokens
   * @param outputPer1k price per 1,000 output tokens
   */
  public record ModelPrice(BigDecimal inputPer1k, BigDecimal outputPer1k) {

    /** Refuses negative prices. */
    public ModelPrice {
      if (inputPer1k.signum() < 0 || outputPer1k.signum() < 0) {
        throw new ConfigurationException("llm.price_negative", "model prices must not be negative");
      }
    }
  }

  private static final PriceTable EMPTY = new PriceTable(Map.of());

  private final Map<String, ModelPrice> prices;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.prices = Map.copyOf(prices);
  }

  /**
   * A table without prices: every estimate is zero.
   *
   * @return the empty table
   */
  public static PriceTable empty() {
    return EMPTY;
  }

  /**
   * A table from explicit prices.
   *
   * @param prices model name to price
   * @return the table
   */
  public static PriceTable of(Map<String, ModelPrice> prices) {
    return new PriceTable(prices);
  }

  /**
   * Parses {@code model=in/out} entries separated by commas, e.g.
   * {@code gpt-4o-mini=0.00015/0.0006,llama3.1=0/0}, as given in the {@code bizo.llm.prices} setting.
   *
   * @param text the entries
   * @return the table
   * @throws ConfigurationException when an entry is malformed
   */
  public static PriceTable parse(String text) {
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.lastIndexOf('=');
      int slash = trimmed.lastIndexOf('/');
      if (eq <= 0 || slash < eq) {
        throw new ConfigurationException("llm.price_malformed", "expected model=in/out but got '" + trimmed + "'");
      }
      try {
        prices.put(
            trimmed.substring(0, eq).trim(),
            new ModelPrice(
                new BigDecimal(trimmed.substring(eq + 1, slash).trim()),
                new BigDecimal(trimmed.substring(slash + 1).trim())));
      } catch (NumberFormatException e) {
        throw new ConfigurationException("llm.price_malformed", "price is not a number in '" + trimmed + "'", e);
      }
    }
    return new PriceTable(prices);
  }

  /**
   * The price of a model.
   *
   * @param model the model name
   * @return its price, if listed
   */
  public Optional<ModelPrice> find(String model) {
    return Optional.ofNullable(prices.get(model));
  }

  /**
   * Estimated cost of some tokens on a model, rounded to 6 decimals.
   *
   * @param model the model name
   * @param tokens the tokens
   * @return the estimate; zero for unlisted models
   */
  public BigDecimal estimate(String model, TokenCount tokens) {
    return find(model)
        .map(p -> p.inputPer1k().multiply(BigDecimal.valueOf(tokens.input()))
            .add(p.outputPer1k().multiply(BigDecimal.valueOf(tokens.output())))
            .divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_UP))
        .orElse(BigDecimal.ZERO.setScale(6));
  }
}
