/**
 * Adapters from the agents' {@link dev.bizo.agents.spi.MarketingDataSource} port to the real Bizo modules:
 * leads and scores from the CRM, revenue from payments, and the tenant's brand notes searched with the CRM's
 * embeddings.
 */
package dev.bizo.agents.data;
