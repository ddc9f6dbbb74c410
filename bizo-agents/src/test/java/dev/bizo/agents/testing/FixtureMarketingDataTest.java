package dev.bizo.agents.testing;

import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.core.TenantId;

class FixtureMarketingDataTest extends MarketingDataSourceContract {

  private final TenantId tenant = TenantId.generate();
  private final FixtureMarketingData data = FixtureMarketingData.standard(tenant);

  @Override
  protected MarketingDataSource source() {
    return data;
  }

  @Override
  protected TenantId tenant() {
    return tenant;
  }

  @Override
  protected DayRange activePeriod() {
    return DayRange.month(2026, 1);
  }

  @Override
  protected String brandQuery() {
    return "invoicing for retailers";
  }
}
