package dev.bizo.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An entity of a pretend later module, registered through its own {@link PersistenceModule}. */
@Entity
@Table(name = "widget")
public class Widget {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String label;

  protected Widget() {}

  public Widget(UUID id, String label) {
    this.id = id;
    this.label = label;
  }
}
