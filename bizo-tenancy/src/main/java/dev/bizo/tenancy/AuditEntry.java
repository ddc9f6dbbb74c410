package dev.bizo.tenancy;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One line of a tenant's append-only audit log.
 *
 * @param id the entry id
 * @param tenant the tenant
 * @param occurredAt when it happened
 * @param actor who did it: a user id, an API key id or {@code system}
 * @param action what happened, a lower-case dotted word such as {@code auth.login_failed} or
 *     {@code user.role_changed}
 * @param target what it happened to (e.g. a user id), if anything
 * @param detail a short, secret-free description, if any
 */
public record AuditEntry(
    UUID id, TenantId tenant, Instant occurredAt, String actor, String action, Optional<String> target, Optional<String> detail) {

  public AuditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(detail, "detail");
  }
}
