package dev.bizo.server.webhooks;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Transactions;
import dev.bizo.webhooks.WebhookEndpoints;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the tenant webhook endpoints (bizo-webhooks) whose deliveries the background jobs send: every module's
 * outbox events, not only the agents', so the webhooks are wired on their own.
 */
@ApplicationScoped
public class WebhookWiring {

  @Inject BizoConfig config;
  @Inject Transactions transactions;
  @Inject TenantSecrets secrets;
  @Inject Clock clock;

  private WebhookEndpoints webhooks;

  @PostConstruct
  void build() {
    webhooks = WebhookEndpoints.builder(transactions, secrets).config(config).clock(clock).build();
  }

  // Singleton, not ApplicationScoped: the type is final and cannot be proxied.
  @Produces
  @Singleton
  WebhookEndpoints webhookEndpoints() {
    return webhooks;
  }
}
