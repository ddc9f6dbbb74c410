package dev.bizo.payments;

import dev.bizo.core.Money;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One tenant's gateway preferences: a default, per-currency rules, and the gateways to fall back to when
 * the preferred one provably could not be reached.
 *
 * <pre>{@code
 * RoutingPolicy policy = RoutingPolicy.builder()
 *     .defaultGateway("stripe")
 *     .forCurrency("INR", "razorpay")
 *     .fallbacks("paypal")
 *     .build();
 * }</pre>
 */
public final class RoutingPolicy {

  private final String defaultGateway;
  private final Map<Currency, String> currencyRules;
  private final List<String> fallbacks;

  private RoutingPolicy(Builder b) {
    this.defaultGateway = b.defaultGateway;
    this.currencyRules = Collections.unmodifiableMap(new LinkedHashMap<>(b.currencyRules));
    this.fallbacks = List.copyOf(b.fallbacks);
  }

  /** Starts an empty policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** The tenant's default gateway, if set. */
  public Optional<String> defaultGateway() {
    return Optional.ofNullable(defaultGateway);
  }

  /** The gateway chosen for payments in a currency, overriding the default. */
  public Optional<String> gatewayFor(Currency currency) {
    return Optional.ofNullable(currencyRules.get(currency));
  }

  /** Every per-currency rule. */
  public Map<Currency, String> currencyRules() {
    return currencyRules;
  }

  /** The gateways tried, in order, after the preferred one proved unreachable. */
  public List<String> fallbacks() {
    return fallbacks;
  }

  @Override
  public String toString() {
    return "RoutingPolicy[default=" + defaultGateway + ", currencies=" + currencyRules + ", fallbacks=" + fallbacks + "]";
  }

  /** Builds a {@link RoutingPolicy}. */
  public static final class Builder {
    private String defaultGateway;
    private final Map<Currency, String> currencyRules = new LinkedHashMap<>();
    private final List<String> fallbacks = new java.util.ArrayList<>();

    private Builder() {}

    /** The tenant's default gateway id. */
    public Builder defaultGateway(String gatewayId) {
      this.defaultGateway = Objects.requireNonNull(gatewayId, "gatewayId");
      return this;
    }

    /** Routes payments in the currency (ISO code) to the gateway. */
    public Builder forCurrency(String currencyCode, String gatewayId) {
      currencyRules.put(Money.currency(currencyCode), Objects.requireNonNull(gatewayId, "gatewayId"));
      return this;
    }

    /** Adds fallback gateway ids, in order. */
    public Builder fallbacks(String... gatewayIds) {
      for (String id : gatewayIds) {
        fallbacks.add(Objects.requireNonNull(id, "gatewayId"));
      }
      return this;
    }

    /** The policy. */
    public RoutingPolicy build() {
      return new RoutingPolicy(this);
    }
  }
}
