package dev.bizo.platform.internal;

import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.Transactions;
import java.time.Clock;
import java.util.List;

/** The CRM's services as the reference server builds them; loaded only when the CRM is enabled. */
public final class CrmPart {

  private final LeadService leads;
  private final LeadAnalytics analytics;

  private CrmPart(LeadService leads, LeadAnalytics analytics) {
    this.leads = leads;
    this.analytics = analytics;
  }

  /** The migrations the CRM needs (core's outbox, then the CRM's tables). */
  public static List<PersistenceModule> modules() {
    return CrmPersistence.modules();
  }

  public static CrmPart start(Transactions transactions, Clock clock) {
    return new CrmPart(LeadService.builder(transactions).clock(clock).build(), new LeadAnalytics(transactions));
  }

  public LeadService leads() {
    return leads;
  }

  public LeadAnalytics analytics() {
    return analytics;
  }
}
