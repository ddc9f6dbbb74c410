package dev.bizo.platform.internal;

import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentsPersistence;
import dev.bizo.agents.data.CrmPaymentsMarketingData;
import dev.bizo.agents.trace.PostgresRunStore;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.Transactions;
import java.time.Clock;
import java.util.List;

/**
 * The agent runtime as the reference server builds it (offline unless {@code BIZO_LLM_BASE_URL} names a model), over
 * the CRM and payments, with run traces in PostgreSQL; loaded only when agents are enabled.
 */
public final class AgentsPart {

  private AgentsPart() {}

  /** The migrations agents need (core's outbox, webhooks', then the agents' tables). */
  public static List<PersistenceModule> modules() {
    return AgentsPersistence.modules();
  }

  public static AgentRuntime start(Transactions transactions, CrmPart crm, PaymentsPart payments, String currency,
      BizoConfig config, Clock clock) {
    return AgentRuntime.builder(CrmPaymentsMarketingData.builder(crm.leads(), payments.payments()).currency(currency).build())
        .config(config)
        .clock(clock)
        .runStore(new PostgresRunStore(transactions, clock))
        .build();
  }
}
