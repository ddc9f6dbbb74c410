package dev.bizo.server.jobs;

import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.events.Outbox;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.ModelTrainingRun;
import dev.bizo.crm.search.BackgroundModel;
import dev.bizo.crm.search.LeadEmbeddingIndex;
import dev.bizo.payments.PaymentService;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.jobs.BackgroundJobs;
import dev.bizo.webhooks.WebhookEndpoints;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's background work on tenancy's {@link BackgroundJobs}: each job runs on one replica at a
 * time and visits every active tenant. Stopped first at shutdown, before anything it uses is closed.
 */
@ApplicationScoped
public class JobsWiring {

  private static final Logger LOG = LoggerFactory.getLogger(JobsWiring.class);

  /** Re-checks UNKNOWN and PENDING payments whose next attempt is due. */
  public static final String PAYMENTS_RECONCILE = "payments.reconcile";
  /** Deletes finished idempotency records past their retention. */
  public static final String PAYMENTS_PRUNE = "payments.prune-idempotency";
  /** Rescores leads after a change of rules, thresholds or model, and as engagement decays. */
  public static final String CRM_RESCORE = "crm.rescore";
  /** Embeds new and changed leads for semantic search. */
  public static final String CRM_INDEX = "crm.index";
  /** One-time task: trains a predictive model for a tenant. */
  public static final String CRM_TRAIN_MODEL = "crm.train-model";
  /**
   * Turns outbox events into webhook deliveries and sends those that are due; woken for a tenant as soon as
   * one of its events commits (PostgreSQL NOTIFY), and run for every tenant each delivery interval.
   */
  public static final String WEBHOOKS_DELIVER = "webhooks.deliver";

  @Inject BizoConfig config;
  @Inject TenancyDatabase database;
  @Inject Tenants tenants;
  @Inject PaymentService payments;
  @Inject WebhookEndpoints webhooks;
  @Inject LeadService leads;
  @Inject LeadEmbeddingIndex embeddings;
  @Inject BackgroundModel searchModel;
  @Inject Clock clock;

  private BackgroundJobs jobs;

  @PostConstruct
  void start() {
    jobs = BackgroundJobs.builder(database, tenants)
        .perTenant(PAYMENTS_RECONCILE, config.require(ServerSettings.PAYMENTS_RECONCILE_INTERVAL),
            tenant -> payments.reconcileDue(tenant, 100))
        .perTenant(PAYMENTS_PRUNE, Duration.ofHours(1), payments::pruneIdempotencyRecords)
        .perTenant(CRM_RESCORE, config.require(ServerSettings.CRM_INTERVAL), tenant -> leads.rescoring().rescoreDue(tenant, 500))
        .perTenant(CRM_INDEX, config.require(ServerSettings.CRM_INTERVAL), this::indexPending)
        .task(CRM_TRAIN_MODEL, (tenant, requestedBy) -> {
          ModelTrainingRun run = leads.predictiveModels().trainModel(tenant);
          LOG.info("Model training for tenant " + tenant + " (asked by " + requestedBy + "): version "
              + run.version() + " " + run.status() + run.failure().map(f -> " -- " + f).orElse(""));
        })
        .perTenant(WEBHOOKS_DELIVER, config.require(ServerSettings.WEBHOOKS_DELIVERY_INTERVAL),
            tenant -> webhooks.deliverDue(tenant, 100))
        // a committed event wakes delivery for its tenant at once; the interval above is the safety net
        .wakeOn(Outbox.NOTIFY_CHANNEL, WEBHOOKS_DELIVER)
        .tenantsRefresh(config.require(ServerSettings.JOBS_TENANTS_REFRESH))
        .heartbeatInterval(config.require(ServerSettings.JOBS_HEARTBEAT_INTERVAL))
        .clock(clock)
        .start();
    LOG.info("Background jobs: " + jobs.recurringJobs() + " on db-scheduler, once per interval across replicas");
  }

  /**
   * Embeds the tenant's queued leads once the search model is in, then lets the search store prepare the
   * tenant (the in-process HNSW graph is built in the background after each start, the exact scan answering
   * meanwhile, and later takes up the new vectors there). Until then a tenant with queued leads starts its load (in the background) and waits for a later run;
   * nothing holds a transaction open meanwhile.
   */
  private void indexPending(TenantId tenant) {
    if (searchModel.loaded().isPresent()) {
      embeddings.indexPending(tenant, 200);
    } else if (embeddings.pending(tenant) > 0) {
      searchModel.start();
    }
    // the search index builds in the background once per start, then takes up new vectors there
    embeddings.prepare(tenant);
  }

  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.atDebug().log(() -> "Jobs started: " + jobs.recurringJobs());
  }

  /** Before any application bean is destroyed: no job may run against a closing pool. */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (jobs != null) {
      jobs.close();
      jobs = null;
      LOG.info("Background jobs stopped; running work finished");
    }
  }

  // Singleton, not ApplicationScoped: the type is final and cannot be proxied.
  @Produces
  @Singleton
  BackgroundJobs backgroundJobs() {
    return jobs;
  }
}
