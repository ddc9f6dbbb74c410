package dev.bizo.platform;

/**
 * What a {@link Bizo} can start besides tenancy and auth, each from an artifact the application adds to its class
 * path. {@link Bizo.Builder} checks the artifact is there before it touches any of its classes, and refuses with a
 * {@link dev.bizo.core.ConfigurationException} naming the artifact otherwise.
 */
public enum Capability {

  /** The embedded PostgreSQL of {@link Bizo.Builder#embedded}. */
  EMBEDDED_DATABASE("bizo-embedded-postgres", "dev.bizo.embedded.EmbeddedDatabase"),
  /** The CRM: leads, scoring, pipeline ({@link Bizo#leads()}). */
  CRM("bizo-crm", "dev.bizo.crm.LeadService"),
  /** Payments over the gateways on the class path ({@link Bizo#payments()}). */
  PAYMENTS("bizo-payments-core", "dev.bizo.payments.PaymentService"),
  /** Tenant webhook endpoints and the delivery of domain events ({@link Bizo#webhooks()}). */
  WEBHOOKS("bizo-webhooks", "dev.bizo.webhooks.WebhookEndpoints"),
  /** The agent runtime over the CRM and payments ({@link Bizo#agents()}). */
  AGENTS("bizo-agents", "dev.bizo.agents.AgentRuntime");

  private final String artifact;
  private final String probeClass;

  Capability(String artifact, String probeClass) {
    this.artifact = artifact;
    this.probeClass = probeClass;
  }

  /** The Maven artifact ({@code dev.bizo:<artifact>}) that brings the capability. */
  public String artifact() {
    return artifact;
  }

  /** A class of that artifact whose presence shows the artifact is on the class path. */
  public String probeClass() {
    return probeClass;
  }
}
