package dev.bizo.tenancy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A row of {@code tenant}; its tenant_id always equals its id, so the standard policy isolates it. */
@Entity(name = "TenantRow")
@Table(name = "tenant")
public class TenantRow {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false, updatable = false)
  public String slug;

  @Column(nullable = false)
  public String status;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  protected TenantRow() {}

  public TenantRow(UUID id, String name, String slug, String status, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.slug = slug;
    this.status = status;
    this.createdAt = createdAt;
  }
}
