package dev.bizo.server.crm;

import dev.bizo.crm.LeadService;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.tenancy.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.time.Clock;

/** Builds the CRM's services over the platform database, exactly as an embedding application would. */
@ApplicationScoped
public class CrmWiring {

  private static final System.Logger LOG = System.getLogger(CrmWiring.class.getName());

  @Inject Transactions transactions;
  @Inject Clock clock;

  private LeadService leads;
  private LeadAnalytics analytics;

  @PostConstruct
  void build() {
    leads = LeadService.builder(transactions).clock(clock).build();
    analytics = new LeadAnalytics(transactions);
    LOG.log(Level.INFO, "CRM: leads scored by the default rules until a tenant activates a trained model");
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  LeadService leadService() {
    return leads;
  }

  @Produces
  @Singleton
  LeadAnalytics leadAnalytics() {
    return analytics;
  }
}
