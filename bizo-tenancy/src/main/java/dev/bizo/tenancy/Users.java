package dev.bizo.tenancy;

import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.Ids;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.internal.UserRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The users of each tenant. E-mail addresses are unique per tenant without regard to case (the same
 * person may belong to several tenants as separate users). Role changes are audited.
 */
public final class Users {

  private final Transactions tx;
  private final AuditLog audit;
  private final Clock clock;

  /** Users stored through {@code tx}, with changes recorded in {@code audit}. */
  public Users(Transactions tx, AuditLog audit, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Adds a user to the actor's tenant. Needs {@link Permission#USERS_MANAGE}; only an owner may add an owner.
   *
   * @param passwordHash the hash from the auth module's hasher, or {@code null} for a user who sets a
   *     password later
   * @throws ConflictException {@code tenancy.email_taken} when the e-mail is already a user of the tenant
   */
  public User add(Principal actor, String email, Role role, String passwordHash) {
    actor.require(Permission.USERS_MANAGE);
    Objects.requireNonNull(role, "role");
    if (role == Role.OWNER && !actor.roles().contains(Role.OWNER)) {
      throw new ForbiddenException("tenancy.permission_denied", "Only an owner can add an owner");
    }
    String normalised = requireEmail(email);
    try {
      return tx.inTenant(
          actor.tenant(),
          session -> {
            User user = insert(session, actor.tenant(), normalised, role, passwordHash);
            audit.append(session, actor.subject(), "user.added", user.id().toString(), "role " + role);
            return user;
          });
    } catch (ConflictException e) {
      throw emailTaken(e);
    }
  }

  /** The user with {@code id} in {@code tenant}. */
  public Optional<User> find(TenantId tenant, UUID id) {
    return tx.inTenant(tenant, session -> Optional.ofNullable(session.find(UserRow.class, id)).map(r -> toUser(r, tenant)));
  }

  /** The user with {@code email} (any case) in {@code tenant}. */
  public Optional<User> findByEmail(TenantId tenant, String email) {
    return credentials(tenant, email).map(StoredCredentials::user);
  }

  /** The user with {@code email} (any case) in {@code tenant}, with the stored password hash; for login. */
  public Optional<StoredCredentials> credentials(TenantId tenant, String email) {
    String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    return tx.inTenant(
        tenant,
        session ->
            session
                .createSelectionQuery("from UserRow u where lower(u.email) = :email", UserRow.class)
                .setParameter("email", normalised)
                .uniqueResultOptional()
                .map(r -> new StoredCredentials(toUser(r, tenant), Optional.ofNullable(r.passwordHash))));
  }

  /** Every user of {@code tenant}, by e-mail. */
  public List<User> list(TenantId tenant) {
    return tx.inTenant(
        tenant,
        session ->
            session.createSelectionQuery("from UserRow u order by lower(u.email)", UserRow.class).getResultList().stream()
                .map(r -> toUser(r, tenant))
                .toList());
  }

  /**
   * Changes a user's role. Needs {@link Permission#USERS_MANAGE}; only an owner may grant or take away
   * {@link Role#OWNER}, and the last active owner cannot be demoted.
   */
  public User changeRole(Principal actor, UUID userId, Role role) {
    actor.require(Permission.USERS_MANAGE);
    Objects.requireNonNull(role, "role");
    return tx.inTenant(
        actor.tenant(),
        session -> {
          UserRow row = session.find(UserRow.class, userId);
          if (row == null) {
            throw NotFoundException.of("user", userId);
          }
          Role before = Role.valueOf(row.role);
          if ((before == Role.OWNER || role == Role.OWNER) && !actor.roles().contains(Role.OWNER)) {
            throw new ForbiddenException("tenancy.permission_denied", "Only an owner can grant or revoke the owner role");
          }
          if (before == Role.OWNER && role != Role.OWNER && activeOwners(session) <= 1) {
            throw new ConflictException("tenancy.last_owner", "A tenant keeps at least one active owner");
          }
          row.role = role.name();
          audit.append(session, actor.subject(), "user.role_changed", userId.toString(), before + " -> " + role);
          return toUser(row, actor.tenant());
        });
  }

  /**
   * Replaces a user's password hash, e.g. after a password change or when login re-hashes with new
   * Argon2 parameters. The auth module calls this; the hash is never logged.
   */
  public void setPasswordHash(TenantId tenant, UUID userId, String passwordHash) {
    Objects.requireNonNull(passwordHash, "passwordHash");
    tx.inTenant(
        tenant,
        session -> {
          UserRow row = session.find(UserRow.class, userId);
          if (row == null) {
            throw NotFoundException.of("user", userId);
          }
          row.passwordHash = passwordHash;
          return null;
        });
  }

  /** Inserts a user inside an open tenant transaction; signup uses it for the owner. */
  User insert(Session session, TenantId tenant, String email, Role role, String passwordHash) {
    UserRow row = new UserRow(Ids.newUuid(), email, passwordHash, role.name(), true, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    session.persist(row);
    session.flush();
    return toUser(row, tenant);
  }

  private static long activeOwners(Session session) {
    return session
        .createSelectionQuery("select count(u) from UserRow u where u.role = 'OWNER' and u.active", Long.class)
        .getSingleResult();
  }

  private static User toUser(UserRow row, TenantId tenant) {
    return new User(row.id, tenant, row.email, Role.valueOf(row.role), row.active, row.createdAt);
  }

  static ConflictException emailTaken(ConflictException e) {
    if (e.getMessage() != null && e.getMessage().contains("tenant_user_email_unique")) {
      ConflictException taken = new ConflictException("tenancy.email_taken", "That e-mail is already a user of this tenant");
      taken.addSuppressed(e);
      return taken;
    }
    return e;
  }

  private static String requireEmail(String email) {
    List<ValidationException.FieldError> errors = new ArrayList<>();
    String normalised = normaliseEmail(email, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return normalised;
  }

  /** Strips an e-mail address and checks its shape; problems go to {@code errors}. */
  static String normaliseEmail(String email, List<ValidationException.FieldError> errors) {
    String stripped = email == null ? "" : email.strip();
    int at = stripped.indexOf('@');
    if (stripped.length() > 254 || at < 1 || at != stripped.lastIndexOf('@') || at == stripped.length() - 1
        || stripped.chars().anyMatch(Character::isWhitespace)) {
      errors.add(new ValidationException.FieldError("email", "tenancy.email_invalid", "Not an e-mail address"));
    }
    return stripped;
  }
}
