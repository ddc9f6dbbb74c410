package dev.bizo.crm.internal.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/** Read-only mapping of {@code crm_lead} for HQL reads; every write goes through LeadService's JDBC. */
@Entity(name = "CrmLead")
@Table(name = "crm_lead")
@Immutable
public class LeadEntity {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String name;

  @Column
  public String email;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public int score;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  protected LeadEntity() {}
}
