package dev.bizo.payments.it;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The {@code payment} table seen through Hibernate, only so the tenancy isolation contract (which speaks
 * Hibernate) can exercise it; the service itself stores payments with JDBC.
 */
@Entity
@Table(name = "payment")
public class PaymentRow {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(name = "gateway_id", nullable = false)
  public String gatewayId;

  @Column(name = "amount_minor", nullable = false)
  public long amountMinor;

  @Column(name = "currency", nullable = false)
  public String currency;

  @Column(name = "status", nullable = false)
  public String status;

  @Column(name = "capture_mode", nullable = false)
  public String captureMode;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
