package dev.bizo.tenancy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Ids;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.internal.SecretRow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Per-tenant secrets (gateway credentials, webhook signing secrets), encrypted at rest.
 *
 * <p>Each value is sealed with AES-256-GCM under the keyring's current master key, with a fresh random
 * 96-bit nonce and the tenant id and secret name as additional authenticated data, so a ciphertext
 * copied to another tenant or another name does not open. The master key's id is stored beside the
 * ciphertext; {@link #rotate()} re-seals every secret still under an older key. The table is under
 * row-level security like all tenant data. Values are never logged and never listed in full.
 */
public final class TenantSecrets {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final Transactions tx;
  private final MasterKeyring keyring;
  private final AuditLog audit;
  private final Clock clock;

  /** Secrets stored through {@code tx}, sealed with {@code keyring}; writes are audited. */
  public TenantSecrets(Transactions tx, MasterKeyring keyring, AuditLog audit, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stores or replaces the secret {@code name} of the actor's tenant; needs {@link Permission#SECRETS_MANAGE}.
   *
   * @param name lower-case letters, digits, {@code . _ -}; up to 100 characters, e.g. {@code stripe.api_key}
   */
  public SecretInfo put(Principal actor, String name, SecretValue value) {
    actor.require(Permission.SECRETS_MANAGE);
    SecretInfo info = put(actor.tenant(), name, value);
    audit.append(actor.tenant(), actor.subject(), "secret.stored", name, null);
    return info;
  }

  /** Stores or replaces the secret {@code name} of {@code tenant}, for system code that has no user. */
  public SecretInfo put(TenantId tenant, String name, SecretValue value) {
    validName(name);
    Objects.requireNonNull(value, "value");
    return tx.inTenant(
        tenant,
        session -> {
          Instant now = now();
          Sealed sealed = seal(tenant, name, value);
          SecretRow row = find(session, name).orElse(null);
          if (row == null) {
            row = new SecretRow(Ids.newUuid(), name, sealed.keyId, sealed.nonce, sealed.ciphertext, now);
            session.persist(row);
          } else {
            row.keyId = sealed.keyId;
            row.nonce = sealed.nonce;
            row.ciphertext = sealed.ciphertext;
            row.updatedAt = now;
          }
          return new SecretInfo(name, value.masked(), sealed.keyId, now);
        });
  }

  /**
   * The decrypted secret, to hand to the service that needs it.
   *
   * @throws ConfigurationException {@code tenancy.master_key_unknown} when the secret was sealed under a key
   *     this keyring does not hold (a wrong or missing master key)
   * @throws NonRetriableException {@code tenancy.secret_corrupt} when the ciphertext fails authentication
   */
  public Optional<SecretValue> find(TenantId tenant, String name) {
    validName(name);
    return tx.inTenant(tenant, session -> find(session, name).map(row -> open(tenant, row)));
  }

  /** The tenant's secrets, masked, by name. */
  public List<SecretInfo> list(TenantId tenant) {
    return tx.inTenant(
        tenant,
        session ->
            session.createSelectionQuery("from SecretRow s order by s.name", SecretRow.class).getResultList().stream()
                .map(row -> new SecretInfo(row.name, open(tenant, row).masked(), row.keyId, row.updatedAt))
                .toList());
  }

  /** Deletes the secret; needs {@link Permission#SECRETS_MANAGE}. Returns whether it existed. */
  public boolean delete(Principal actor, String name) {
    actor.require(Permission.SECRETS_MANAGE);
    validName(name);
    boolean deleted =
        tx.inTenant(
            actor.tenant(),
            session -> {
              Optional<SecretRow> row = find(session, name);
              row.ifPresent(session::remove);
              return row.isPresent();
            });
    if (deleted) {
      audit.append(actor.tenant(), actor.subject(), "secret.deleted", name, null);
    }
    return deleted;
  }

  /**
   * Re-seals every secret of every tenant that is not yet under the current master key, tenant by tenant,
   * each tenant in its own transaction. Finding the tenants uses the audited system scope; re-sealing
   * happens in each tenant's own scope. Safe to run again after a failure.
   *
   * @return how many secrets were re-sealed
   */
  public int rotate() {
    String current = keyring.currentKeyId();
    List<UUID> tenants =
        tx.asSystem(
            "re-seal tenant secrets under master key " + current,
            session ->
                session
                    .createSelectionQuery("select distinct s.tenantId from SecretRow s where s.keyId <> :current", UUID.class)
                    .setParameter("current", current)
                    .getResultList());
    int resealed = 0;
    for (UUID id : tenants) {
      TenantId tenant = new TenantId(id);
      resealed +=
          tx.inTenant(
              tenant,
              session -> {
                List<SecretRow> rows =
                    session
                        .createSelectionQuery("from SecretRow s where s.keyId <> :current", SecretRow.class)
                        .setParameter("current", current)
                        .getResultList();
                for (SecretRow row : rows) {
                  Sealed sealed = seal(tenant, row.name, open(tenant, row));
                  row.keyId = sealed.keyId;
                  row.nonce = sealed.nonce;
                  row.ciphertext = sealed.ciphertext;
                  row.updatedAt = now();
                }
                if (!rows.isEmpty()) {
                  audit.append(session, "system", "secret.rotated", null, rows.size() + " secrets re-sealed under " + current);
                }
                return rows.size();
              });
    }
    return resealed;
  }

  private static Optional<SecretRow> find(Session session, String name) {
    return session
        .createSelectionQuery("from SecretRow s where s.name = :name", SecretRow.class)
        .setParameter("name", name)
        .uniqueResultOptional();
  }

  private Sealed seal(TenantId tenant, String name, SecretValue value) {
    MasterKeyring.Sealed sealed = keyring.seal(aad(tenant, name), value.reveal().getBytes(StandardCharsets.UTF_8));
    return new Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
  }

  private SecretValue open(TenantId tenant, SecretRow row) {
    byte[] plain = keyring.open(new MasterKeyring.Sealed(row.keyId, row.nonce, row.ciphertext), aad(tenant, row.name), row.name);
    return SecretValue.of(new String(plain, StandardCharsets.UTF_8));
  }

  private static byte[] aad(TenantId tenant, String name) {
    return (tenant.value() + "\u0000" + name).getBytes(StandardCharsets.UTF_8);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static void validName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ValidationException.ofField("name", "tenancy.secret_name_invalid", "Lower-case letters, digits and . _ -, up to 100");
    }
  }

  private record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}
}
