package dev.bizo.platform.internal;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Transactions;
import dev.bizo.webhooks.WebhookEndpoints;
import dev.bizo.webhooks.WebhooksPersistence;
import java.time.Clock;
import java.util.List;

/** The tenant webhook endpoints as the reference server builds them; loaded only when webhooks are enabled. */
public final class WebhooksPart {

  private WebhooksPart() {}

  /** The migrations webhooks need (core's outbox, then the endpoint and delivery tables). */
  public static List<PersistenceModule> modules() {
    return WebhooksPersistence.modules();
  }

  public static WebhookEndpoints start(Transactions transactions, TenantSecrets secrets, BizoConfig config, Clock clock) {
    return WebhookEndpoints.builder(transactions, secrets).config(config).clock(clock).build();
  }
}
