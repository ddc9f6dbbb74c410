package dev.bizo.tenancy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A row of {@code tenant_secret}: ciphertext only, with the id of the master key that sealed it. */
@Entity(name = "SecretRow")
@Table(name = "tenant_secret")
public class SecretRow {

  @Id
  public UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public UUID tenantId;

  @Column(nullable = false, updatable = false)
  public String name;

  @Column(name = "key_id", nullable = false)
  public String keyId;

  @Column(nullable = false)
  public byte[] nonce;

  @Column(nullable = false)
  public byte[] ciphertext;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  protected SecretRow() {}

  public SecretRow(UUID id, String name, String keyId, byte[] nonce, byte[] ciphertext, Instant now) {
    this.id = id;
    this.name = name;
    this.keyId = keyId;
    this.nonce = nonce;
    this.ciphertext = ciphertext;
    this.createdAt = now;
    this.updatedAt = now;
  }

  @Override
  public String toString() {
    return "SecretRow[" + name + ", key " + keyId + "]";
  }
}
