package dev.bizo.tenancy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A row of {@code tenant_user}. */
@Entity(name = "UserRow")
@Table(name = "tenant_user")
public class UserRow {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String email;

  @Column(name = "password_hash")
  public String passwordHash;

  @Column(nullable = false)
  public String role;

  @Column(nullable = false)
  public boolean active;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  protected UserRow() {}

  public UserRow(UUID id, String email, String passwordHash, String role, boolean active, Instant createdAt) {
    this.id = id;
    this.email = email;
    this.passwordHash = passwordHash;
    this.role = role;
    this.active = active;
    this.createdAt = createdAt;
  }
}
