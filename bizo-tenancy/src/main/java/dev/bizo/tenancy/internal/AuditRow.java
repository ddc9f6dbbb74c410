package dev.bizo.tenancy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/** A row of the append-only {@code tenant_audit}. */
@Entity(name = "AuditRow")
@Table(name = "tenant_audit")
@Immutable
public class AuditRow {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  @Column(nullable = false)
  public String actor;

  @Column(nullable = false)
  public String action;

  public String target;

  public String detail;

  protected AuditRow() {}

  public AuditRow(UUID id, Instant occurredAt, String actor, String action, String target, String detail) {
    this.id = id;
    this.occurredAt = occurredAt;
    this.actor = actor;
    this.action = action;
    this.target = target;
    this.detail = detail;
  }
}
