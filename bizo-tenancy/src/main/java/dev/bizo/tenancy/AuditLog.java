package dev.bizo.tenancy;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.paging.KeysetCursor;
import dev.bizo.tenancy.internal.AuditRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Each tenant's append-only audit log: logins and failures, key creation, role changes, signup.
 *
 * <p>The table is under row-level security like all tenant data, and a trigger refuses every update,
 * delete and truncation, for the application role and the owner alike: entries can be added and read,
 * never changed. Entries must never contain passwords, tokens, keys or secret values.
 */
public final class AuditLog {

  private static final String PAGE_ORDER = "occurred_at.desc";
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
  private static final int MAX_TEXT = 500;

  private final Transactions tx;
  private final Clock clock;

  /** An audit log writing through {@code tx}, time-stamped by {@code clock}. */
  public AuditLog(Transactions tx, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends an entry in its own transaction.
   *
   * @param actor who acted: a user id, an API key id, or {@code system}
   * @param action a dotted lower-case word, e.g. {@code user.role_changed}
   * @param target what was acted on, or {@code null}
   * @param detail a short secret-free description, or {@code null}
   */
  public AuditEntry append(TenantId tenant, String actor, String action, String target, String detail) {
    return tx.inTenant(tenant, session -> append(session, actor, action, target, detail));
  }

  /**
   * Appends an entry inside a transaction you already have from {@link Transactions#inTenant}, so it
   * commits or rolls back with your change.
   */
  public AuditEntry append(Session session, String actor, String action, String target, String detail) {
    Objects.requireNonNull(session, "session");
    TenantId tenant = TenantContext.require();
    AuditRow row =
        new AuditRow(Ids.newUuid(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), text("actor", actor, true), validAction(action), text("target", target, false), text("detail", detail, false));
    session.persist(row);
    return toEntry(row, tenant);
  }

  /** The tenant's newest entries first, at most {@code limit} (1–1000): the first {@link #page(TenantId, AuditQuery) page}. */
  public List<AuditEntry> recent(TenantId tenant, int limit) {
    return page(tenant, AuditQuery.builder().limit(limit).build()).entries();
  }

  /** Like {@link #recent(TenantId, int)} for a reader who must hold {@link Permission#AUDIT_READ}. */
  public List<AuditEntry> recent(Principal reader, int limit) {
    reader.require(Permission.AUDIT_READ);
    return recent(reader.tenant(), limit);
  }

  /**
   * A page of the reader's own tenant's log, newest first, filtered by {@code query}. Pages continue with the
   * returned cursor and neither skip nor repeat entries, whatever is appended meanwhile. Another tenant's entries
   * are never read: the query runs in the reader's tenant, under row-level security.
   *
   * @throws dev.bizo.core.ForbiddenException when the reader lacks {@link Permission#AUDIT_READ}
   * @throws ValidationException field {@code cursor} for a cursor this log did not write
   */
  public AuditPage page(Principal reader, AuditQuery query) {
    reader.require(Permission.AUDIT_READ);
    return page(reader.tenant(), query);
  }

  /**
   * Like {@link #page(Principal, AuditQuery)} for a caller that has already checked the reader's right to
   * {@link Permission#AUDIT_READ} itself, e.g. from an API key's scopes.
   */
  public AuditPage page(TenantId tenant, AuditQuery query) {
    Objects.requireNonNull(tenant, "tenant");
    Optional<KeysetCursor> after = query.cursor().map(text -> KeysetCursor.decode(text, PAGE_ORDER));
    StringBuilder hql = new StringBuilder("from AuditRow a where 1 = 1");
    query.actor().ifPresent(a -> hql.append(" and a.actor = :actor"));
    query.action().ifPresent(a -> hql.append(" and a.action = :action"));
    query.from().ifPresent(f -> hql.append(" and a.occurredAt >= :from"));
    query.to().ifPresent(t -> hql.append(" and a.occurredAt < :to"));
    after.ifPresent(c -> hql.append(" and (a.occurredAt < :afterAt or (a.occurredAt = :afterAt and a.id < :afterId))"));
    hql.append(" order by a.occurredAt desc, a.id desc");
    List<AuditRow> rows = tx.inTenant(tenant, session -> {
      var select = session.createSelectionQuery(hql.toString(), AuditRow.class).setMaxResults(query.limit() + 1);
      query.actor().ifPresent(a -> select.setParameter("actor", a));
      query.action().ifPresent(a -> select.setParameter("action", a));
      query.from().ifPresent(f -> select.setParameter("from", f));
      query.to().ifPresent(t -> select.setParameter("to", t));
      after.ifPresent(c -> select.setParameter("afterAt", c.sortInstant()).setParameter("afterId", c.id()));
      return select.getResultList();
    });
    boolean more = rows.size() > query.limit();
    List<AuditRow> page = more ? rows.subList(0, query.limit()) : rows;
    Optional<String> next = more
        ? Optional.of(KeysetCursor.of(PAGE_ORDER, page.get(page.size() - 1).occurredAt, page.get(page.size() - 1).id).encode())
        : Optional.empty();
    return new AuditPage(page.stream().map(row -> toEntry(row, tenant)).toList(), next);
  }

  private static AuditEntry toEntry(AuditRow row, TenantId tenant) {
    return new AuditEntry(
        row.id, tenant, row.occurredAt, row.actor, row.action, Optional.ofNullable(row.target), Optional.ofNullable(row.detail));
  }

  private static String validAction(String action) {
    if (action == null || !ACTION.matcher(action).matches()) {
      throw ValidationException.ofField("action", "tenancy.audit_action_invalid", "A dotted lower-case word, e.g. user.role_changed");
    }
    return action;
  }

  private static String text(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw ValidationException.ofField(field, "tenancy.audit_field_missing", "required");
      }
      return null;
    }
    String stripped = value.strip();
    return stripped.length() > MAX_TEXT ? stripped.substring(0, MAX_TEXT) : stripped;
  }
}
