/**
 * Ports other modules implement: {@link dev.bizo.agents.spi.MarketingDataSource} (CRM and payments data),
 * {@link dev.bizo.agents.spi.RunStore} (trace persistence) and {@link dev.bizo.agents.spi.RunListener}.
 */
package dev.bizo.agents.spi;
