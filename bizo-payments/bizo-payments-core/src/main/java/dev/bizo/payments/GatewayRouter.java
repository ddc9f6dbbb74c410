package dev.bizo.payments;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Providers;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.PaymentGateway;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks the gateway for a new payment and falls back safely.
 *
 * <p>Order of preference: an explicit choice in the request (then no other gateway is ever tried); else
 * the tenant's per-currency rule, then the tenant's default, then the tenant's fallbacks — each only if it
 * settles the currency. The next candidate is tried <em>only</em> after a {@link GatewayUnreachableException},
 * which proves nothing was sent. Any answer — SUCCESS, PENDING, DECLINED and above all UNKNOWN, where money
 * may have moved — ends routing, as does any other exception.
 *
 * <pre>{@code
 * GatewayRouter router = new GatewayRouter(Providers.builder(PaymentGateway.class, PaymentGateway::id).build());
 * RoutedResult routed = router.route(policy, Optional.empty(), amount.currency(), g -> g.authorize(request));
 * }</pre>
 *
 * <p>The same idempotency key may be sent to the fallback gateway: the first one never saw it.
 */
public final class GatewayRouter {

  private final Providers<PaymentGateway> gateways;

  /** A router over the installed gateways. */
  public GatewayRouter(Providers<PaymentGateway> gateways) {
    this.gateways = Objects.requireNonNull(gateways, "gateways");
  }

  /** The installed gateways. */
  public Providers<PaymentGateway> gateways() {
    return gateways;
  }

  /**
   * The gateways to try for a payment, in order.
   *
   * @param policy the tenant's preferences
   * @param explicitGateway a gateway id the caller insisted on, if any
   * @param currency the payment's currency
   * @throws ConfigurationException with code {@code payment.gateway_not_installed} when the policy or the
   *     caller names a gateway that is not installed
   * @throws UnsupportedFeatureException with code {@code payment.no_gateway_for_currency} when no candidate
   *     settles the currency
   */
  public List<PaymentGateway> candidates(RoutingPolicy policy, Optional<String> explicitGateway, Currency currency) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(explicitGateway, "explicitGateway");
    Objects.requireNonNull(currency, "currency");
    Set<String> ids = new LinkedHashSet<>();
    if (explicitGateway.isPresent()) {
      ids.add(explicitGateway.get());
    } else {
      policy.gatewayFor(currency).ifPresent(ids::add);
      policy.defaultGateway().ifPresent(ids::add);
      ids.addAll(policy.fallbacks());
    }
    List<PaymentGateway> result = new ArrayList<>();
    for (String id : ids) {
      PaymentGateway gateway = gateways.find(id).orElseThrow(() -> new ConfigurationException(
          "payment.gateway_not_installed", "Gateway '" + id + "' is not installed; installed: " + gateways.names()));
      if (gateway.capabilities().supports(currency)) {
        result.add(gateway);
      }
    }
    if (result.isEmpty()) {
      throw new UnsupportedFeatureException(
          "payment.no_gateway_for_currency",
          "No " + (explicitGateway.isPresent() ? "chosen" : "configured") + " gateway settles "
              + currency.getCurrencyCode() + " (considered " + ids + ")");
    }
    return result;
  }

  /**
   * Calls the best candidate, moving to the next only when one proves unreachable.
   *
   * @param call the operation, e.g. {@code g -> g.authorize(request)}
   * @return the first answer and who gave it
   * @throws GatewayUnreachableException when every candidate was unreachable (the last one's, with the
   *     earlier ones suppressed)
   */
  public RoutedResult route(
      RoutingPolicy policy, Optional<String> explicitGateway, Currency currency,
      Function<PaymentGateway, GatewayResult> call) {
    Objects.requireNonNull(call, "call");
    List<GatewayUnreachableException> skipped = new ArrayList<>();
    for (PaymentGateway gateway : candidates(policy, explicitGateway, currency)) {
      try {
        GatewayResult result = Objects.requireNonNull(call.apply(gateway), "gateway returned no result");
        return new RoutedResult(gateway, result, skipped);
      } catch (GatewayUnreachableException e) {
        skipped.add(e);
      }
    }
    GatewayUnreachableException last = skipped.get(skipped.size() - 1);
    for (GatewayUnreachableException earlier : skipped.subList(0, skipped.size() - 1)) {
      last.addSuppressed(earlier);
    }
    throw last;
  }
}
