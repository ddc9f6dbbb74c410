package dev.bizo.server.webhooks;

import dev.bizo.platform.Bizo;
import dev.bizo.webhooks.WebhookEndpoints;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Hands out the tenant webhook endpoints (bizo-webhooks) that {@link Bizo} built whose deliveries the background jobs send: every module's
 * outbox events, not only the agents', so the webhooks are wired on their own.
 */
@ApplicationScoped
public class WebhookWiring {

  @Inject Bizo bizo;

  private WebhookEndpoints webhooks;

  @PostConstruct
  void build() {
    webhooks = bizo.webhooks();
  }

  // Singleton, not ApplicationScoped: the type is final and cannot be proxied.
  @Produces
  @Singleton
  WebhookEndpoints webhookEndpoints() {
    return webhooks;
  }
}
