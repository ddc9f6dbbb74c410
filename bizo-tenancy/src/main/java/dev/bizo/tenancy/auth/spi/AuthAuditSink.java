package dev.bizo.tenancy.auth.spi;

import dev.bizo.tenancy.auth.AuthEvent;

/**
 * Receives security events of {@link dev.bizo.tenancy.auth.AuthService}: logins, failures, logouts,
 * API key creation and revocation. The tenancy module forwards them to its append-only, per-tenant
 * audit log; {@link #logging()} writes them to SLF4J.
 *
 * <p>Events never carry passwords, tokens or keys. Implementations must be thread-safe and should not
 * throw: a failure to audit propagates to the caller and fails the operation.
 */
@FunctionalInterface
public interface AuthAuditSink {

  /** Records one event. */
  void record(AuthEvent event);

  /** A sink that logs each event at INFO (failures at WARN) under {@code dev.bizo.tenancy.auth.audit}. */
  static AuthAuditSink logging() {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.bizo.tenancy.auth.audit");
    return event -> {
      if (event.type().isFailure()) {
        log.warn("{}", event);
      } else {
        log.info("{}", event);
      }
    };
  }
}
