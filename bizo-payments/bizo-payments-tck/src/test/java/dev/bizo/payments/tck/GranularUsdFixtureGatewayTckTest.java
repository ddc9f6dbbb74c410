package dev.bizo.payments.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.Money;
import dev.bizo.payments.spi.PaymentMethod;
import java.util.Currency;

/**
 * The HTTP fixture paying in USD with KWD amounts in steps of 10 thousandths, proving the
 * {@link #primaryCurrency()} and {@link #amountGranularity(Currency)} hooks shape every amount the TCK uses.
 */
class GranularUsdFixtureGatewayTckTest extends FixtureGatewayTckTest {

  private static final Currency USD = Money.currency("USD");
  private static final Currency KWD = Money.currency("KWD");

  @Override
  protected Currency primaryCurrency() {
    return USD;
  }

  @Override
  protected long amountGranularity(Currency currency) {
    return currency.equals(KWD) ? 10 : 1;
  }

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
    assertThat(ctx.amount().currency()).isIn(USD, Money.currency("JPY"), KWD);
    if (ctx.amount().currency().equals(USD)) {
      assertThat(ctx.amount()).isEqualTo(Money.of("100.00", "USD"));
      assertThat(ctx.partialAmount()).isEqualTo(Money.of("40.00", "USD"));
    }
    if (ctx.amount().currency().equals(KWD)) {
      assertThat(ctx.amount()).isEqualTo(Money.of("12.340", "KWD"));
      assertThat(ctx.partialAmount()).isEqualTo(Money.of("5.120", "KWD"));
    }
    return super.arrange(scenario, ctx);
  }
}
