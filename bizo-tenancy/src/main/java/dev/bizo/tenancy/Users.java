package dev.bizo.tenancy;

import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.Ids;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.internal.SessionRevocation;
import dev.bizo.tenancy.internal.UserRow;
import jakarta.persistence.LockModeType;
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
 * person may belong to several tenants as separate users). Every change (added, role changed, disabled, enabled,
 * removed) is audited in the same transaction, and a tenant always keeps at least one active owner.
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
   *
   * @throws NotFoundException {@code user.not_found} also for another tenant's user
   * @throws ConflictException {@code tenancy.last_owner} when the user is the tenant's last active owner
   */
  public User changeRole(Principal actor, UUID userId, Role role) {
    return update(actor, userId, UserUpdate.role(Objects.requireNonNull(role, "role")));
  }

  /**
   * Disables a user: they can no longer log in, and their refresh tokens are revoked in the same transaction.
   * Access tokens already issued stay valid until they expire (minutes). Needs {@link Permission#USERS_MANAGE};
   * only an owner may disable an owner, and the last active owner cannot be disabled. Disabling a disabled user
   * changes nothing.
   *
   * @throws NotFoundException {@code user.not_found} also for another tenant's user
   * @throws ConflictException {@code tenancy.last_owner} when the user is the tenant's last active owner
   */
  public User disable(Principal actor, UUID userId) {
    return update(actor, userId, UserUpdate.disabled(true));
  }

  /**
   * Lets a disabled user log in again. Needs {@link Permission#USERS_MANAGE}; only an owner may enable an owner.
   *
   * @throws NotFoundException {@code user.not_found} also for another tenant's user
   */
  public User enable(Principal actor, UUID userId) {
    return update(actor, userId, UserUpdate.disabled(false));
  }

  /**
   * Changes a user's role and whether they are disabled, in one transaction; each part that changes something
   * is audited ({@code user.role_changed}, {@code user.disabled}, {@code user.enabled}). The rules are those of
   * {@link #changeRole}, {@link #disable} and {@link #enable}: one of them refused means nothing changes.
   *
   * <p>The last-owner rule is race-free: the tenant's active owners are locked ({@code SELECT ... FOR UPDATE})
   * before they are counted, so two transactions taking away two different owners at the same time are
   * serialised and the second sees the first's change.
   *
   * @throws NotFoundException {@code user.not_found} also for another tenant's user
   * @throws ConflictException {@code tenancy.last_owner} when the change would leave the tenant without an
   *     active owner
   * @throws ForbiddenException {@code tenancy.permission_denied} without {@link Permission#USERS_MANAGE}, or
   *     when a non-owner touches an owner or grants the owner role
   */
  public User update(Principal actor, UUID userId, UserUpdate change) {
    actor.require(Permission.USERS_MANAGE);
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(change, "change");
    return tx.inTenant(
        actor.tenant(),
        session -> {
          Locked locked = lockForChange(session, actor, userId, change.role().filter(r -> r == Role.OWNER).isPresent());
          UserRow row = locked.row();
          Role before = Role.valueOf(row.role);
          Role role = change.role().orElse(before);
          boolean active = change.disabled().map(disabled -> !disabled).orElse(row.active);
          requireAnOwnerLeft(locked, role == Role.OWNER && active);
          String target = userId.toString();
          if (role != before) {
            row.role = role.name();
            audit.append(session, actor.subject(), "user.role_changed", target, before + " -> " + role);
          }
          if (active != row.active) {
            row.active = active;
            if (active) {
              audit.append(session, actor.subject(), "user.enabled", target, "role " + role);
            } else {
              int revoked = revokeSessions(session, userId);
              audit.append(session, actor.subject(), "user.disabled", target, "role " + role + ", " + revoked + " sessions revoked");
            }
          }
          return toUser(row, actor.tenant());
        });
  }

  /**
   * Deletes a user; their refresh tokens are revoked in the same transaction, and their access tokens expire
   * within minutes (every later refresh is refused). Their audit entries stay. Needs
   * {@link Permission#USERS_MANAGE}; only an owner may remove an owner, and the last active owner cannot be
   * removed.
   *
   * @throws NotFoundException {@code user.not_found} also for another tenant's user
   * @throws ConflictException {@code tenancy.last_owner} when the user is the tenant's last active owner
   */
  public void remove(Principal actor, UUID userId) {
    actor.require(Permission.USERS_MANAGE);
    Objects.requireNonNull(userId, "userId");
    tx.inTenant(
        actor.tenant(),
        session -> {
          Locked locked = lockForChange(session, actor, userId, false);
          requireAnOwnerLeft(locked, false);
          String role = locked.row().role;
          session.remove(locked.row());
          session.flush();
          int revoked = revokeSessions(session, userId);
          audit.append(session, actor.subject(), "user.removed", userId.toString(), "role " + role + ", " + revoked + " sessions revoked");
          return null;
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

  /** A user row locked for a change, and how many active owners the tenant had when they were locked. */
  private record Locked(UserRow row, int activeOwners) {}

  /**
   * Locks the tenant's active owners, then the user, in that order for every change (so two changes never wait on
   * each other in a cycle), and checks that the actor may touch them.
   */
  private static Locked lockForChange(Session session, Principal actor, UUID userId, boolean grantsOwner) {
    List<UserRow> owners = session
        .createSelectionQuery("from UserRow u where u.role = 'OWNER' and u.active order by u.id", UserRow.class)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
    UserRow row = session.find(UserRow.class, userId, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      throw NotFoundException.of("user", userId);
    }
    if ((Role.OWNER.name().equals(row.role) || grantsOwner) && !actor.roles().contains(Role.OWNER)) {
      throw new ForbiddenException("tenancy.permission_denied", "Only an owner can grant, revoke or change the owner role");
    }
    return new Locked(row, owners.size());
  }

  /** One rule for demoting, disabling and removing: a tenant keeps at least one active owner. */
  private static void requireAnOwnerLeft(Locked locked, boolean staysActiveOwner) {
    boolean isActiveOwner = locked.row().active && Role.OWNER.name().equals(locked.row().role);
    if (isActiveOwner && !staysActiveOwner && locked.activeOwners() <= 1) {
      throw new ConflictException("tenancy.last_owner", "A tenant keeps at least one active owner");
    }
  }

  private int revokeSessions(Session session, UUID userId) {
    return session.doReturningWork(c -> SessionRevocation.revokeUserSessions(c, userId, Optional.empty(), clock.instant()));
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
