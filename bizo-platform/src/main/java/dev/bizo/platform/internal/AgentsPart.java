package dev.bizo.platform.internal;

import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentsPersistence;
import dev.bizo.agents.data.BrandNotes;
import dev.bizo.agents.data.CrmPaymentsMarketingData;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.trace.PostgresRunStore;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.platform.AgentsSetup;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent runtime as the reference server builds it (offline unless {@code BIZO_LLM_BASE_URL} names a model), over
 * the CRM and payments, with run traces in PostgreSQL; loaded only when agents are enabled. Built on first use, so
 * that the application's {@link AgentsSetup} may come from objects that exist only after Bizo started (the reference
 * server's CDI beans).
 */
public final class AgentsPart {

  private final Transactions transactions;
  private final CrmPart crm;
  private final PaymentsPart payments;
  private final String currency;
  private final BizoConfig config;
  private final Clock clock;
  private final Supplier<AgentsSetup> setup;

  private AgentRuntime runtime;
  private RunStore runStore;
  private Optional<BrandNotes> brandNotes;

  private AgentsPart(Transactions transactions, CrmPart crm, PaymentsPart payments, String currency, BizoConfig config,
      Clock clock, Supplier<AgentsSetup> setup) {
    this.transactions = transactions;
    this.crm = crm;
    this.payments = payments;
    this.currency = currency;
    this.config = config;
    this.clock = clock;
    this.setup = setup;
  }

  /** The migrations agents need (core's outbox, webhooks', then the agents' tables). */
  public static List<PersistenceModule> modules() {
    return AgentsPersistence.modules();
  }

  /** The agents over {@code crm} and {@code payments}, built when first asked for. */
  public static AgentsPart start(Transactions transactions, CrmPart crm, PaymentsPart payments, String currency,
      BizoConfig config, Clock clock, Supplier<AgentsSetup> setup) {
    return new AgentsPart(transactions, crm, payments, currency, config, clock, setup);
  }

  public synchronized AgentRuntime runtime() {
    build();
    return runtime;
  }

  public synchronized RunStore runStore() {
    build();
    return runStore;
  }

  public synchronized Optional<BrandNotes> brandNotes() {
    build();
    return brandNotes;
  }

  private void build() {
    if (runtime != null) {
      return;
    }
    AgentsSetup chosen = Objects.requireNonNull(setup.get(), "the agents' setup");
    RunStore runs = Objects.requireNonNull(chosen.runStore().apply(new PostgresRunStore(transactions, clock)), "run store");
    Optional<BrandNotes> notes = chosen.brandNotesModel().map(model -> new BrandNotes(transactions, model, clock));
    CrmPaymentsMarketingData.Builder data = notes
        .map(n -> CrmPaymentsMarketingData.builder(crm.leads(), payments.payments(), n))
        .orElseGet(() -> CrmPaymentsMarketingData.builder(crm.leads(), payments.payments()));
    AgentRuntime.Builder builder = AgentRuntime.builder(data.currency(currency).build())
        .config(config)
        .clock(clock)
        .runStore(runs);
    chosen.listener().ifPresent(builder::listener);
    runtime = builder.build();
    runStore = runs;
    brandNotes = notes;
  }
}
