package dev.bizo.tenancy;

import dev.bizo.core.ConflictException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.internal.TenantRow;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Creating and finding tenants.
 *
 * <p>Signup needs no elevated rights: it generates the new tenant's id first and writes the tenant,
 * its owner and the first audit entry inside that tenant's own scope, in one transaction. Lookups across
 * tenants (by slug, platform listings) use the audited read-only system scope.
 */
public final class Tenants {

  /**
   * The {@code LISTEN/NOTIFY} channel on which the database announces, on commit, that a tenant was created or
   * changed status; the payload is the tenant id only (see {@link dev.bizo.tenancy.notify.DatabaseNotifications}).
   */
  public static final String NOTIFY_CHANNEL = "bizo_tenants";

  private final Transactions tx;
  private final Users users;
  private final AuditLog audit;
  private final Clock clock;

  /** Tenants stored through {@code tx}. */
  public Tenants(Transactions tx, Users users, AuditLog audit, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.users = Objects.requireNonNull(users, "users");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a tenant and its {@link Role#OWNER} user in one transaction: either both exist afterwards, or
   * neither does.
   *
   * @throws ConflictException {@code tenancy.slug_taken} when another tenant has the slug
   */
  public SignupResult signup(Signup signup) {
    Objects.requireNonNull(signup, "signup");
    TenantId id = TenantId.generate();
    try {
      return tx.inTenant(
          id,
          session -> {
            TenantRow row = new TenantRow(id.value(), signup.tenantName(), signup.slug(), TenantStatus.ACTIVE.name(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            session.persist(row);
            session.flush();
            User owner = users.insert(session, id, signup.ownerEmail(), Role.OWNER, signup.ownerPasswordHash());
            audit.append(session, owner.id().toString(), "tenant.signed_up", id.toString(), "slug " + signup.slug());
            return new SignupResult(toTenant(row), owner);
          });
    } catch (ConflictException e) {
      if (e.getMessage() != null && e.getMessage().contains("tenant_slug_key")) {
        ConflictException taken = new ConflictException("tenancy.slug_taken", "The slug " + signup.slug() + " is taken");
        taken.addSuppressed(e);
        throw taken;
      }
      throw e;
    }
  }

  /** The tenant with {@code id}. */
  public Optional<Tenant> find(TenantId id) {
    return tx.inTenant(id, session -> Optional.ofNullable(session.find(TenantRow.class, id.value())).map(Tenants::toTenant));
  }

  /** The tenant whose slug is {@code slug}; a system-scope lookup, e.g. to start a login. */
  public Optional<Tenant> findBySlug(String slug) {
    String normalised = slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT);
    return tx.asSystem(
        "resolve tenant by slug",
        session ->
            session
                .createSelectionQuery("from TenantRow t where t.slug = :slug", TenantRow.class)
                .setParameter("slug", normalised)
                .uniqueResultOptional()
                .map(Tenants::toTenant));
  }

  /**
   * Every tenant, oldest first, at most {@code limit}: a platform-administration listing, run in the
   * system scope and audited with {@code reason}.
   */
  public List<Tenant> list(String reason, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw ValidationException.ofField("limit", "tenancy.limit_invalid", "1 to 10000");
    }
    return tx.asSystem(
        reason,
        session ->
            session
                .createSelectionQuery("from TenantRow t order by t.createdAt, t.id", TenantRow.class)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(Tenants::toTenant)
                .toList());
  }

  /**
   * Suspends or re-activates a tenant: a platform operation, written in that tenant's scope and audited
   * in its log with {@code actor}.
   */
  public Tenant changeStatus(TenantId id, TenantStatus status, String actor) {
    Objects.requireNonNull(status, "status");
    return tx.inTenant(
        id,
        session -> {
          TenantRow row = session.find(TenantRow.class, id.value());
          if (row == null) {
            throw NotFoundException.of("tenant", id);
          }
          String before = row.status;
          row.status = status.name();
          audit.append(session, actor, "tenant.status_changed", id.toString(), before + " -> " + status);
          return toTenant(row);
        });
  }

  /** Renames the principal's tenant; needs {@link Permission#TENANT_MANAGE}. */
  public Tenant rename(Principal actor, String name) {
    actor.require(Permission.TENANT_MANAGE);
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty() || stripped.length() > 200) {
      throw ValidationException.ofField("name", "tenancy.name_invalid", "1 to 200 characters");
    }
    return tx.inTenant(
        actor.tenant(),
        session -> {
          TenantRow row = session.find(TenantRow.class, actor.tenant().value());
          if (row == null) {
            throw NotFoundException.of("tenant", actor.tenant());
          }
          row.name = stripped;
          audit.append(session, actor.subject(), "tenant.renamed", actor.tenant().toString(), null);
          return toTenant(row);
        });
  }

  private static Tenant toTenant(TenantRow row) {
    return new Tenant(new TenantId(row.id), row.name, row.slug, TenantStatus.valueOf(row.status), row.createdAt);
  }
}
