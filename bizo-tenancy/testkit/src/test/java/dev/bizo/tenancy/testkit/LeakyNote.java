package dev.bizo.tenancy.testkit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An entity whose table forgot row-level security: only Hibernate's filter stands between tenants. */
@Entity
@Table(name = "leaky_note")
public class LeakyNote {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String body;

  protected LeakyNote() {}

  LeakyNote(UUID id, String body) {
    this.id = id;
    this.body = body;
  }
}
