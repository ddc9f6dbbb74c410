package dev.bizo.tenancy;

import dev.bizo.core.ValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One page's worth of a tenant's audit log to read, newest first: how many entries, where the previous page
 * ended, and optional filters. Build it with {@link #builder()}.
 *
 * @param limit entries per page, 1 to 1000
 * @param cursor the previous page's {@link AuditPage#nextCursor()}, to continue after it
 * @param actor only entries by this actor (a user id, an API key id or {@code system})
 * @param action only entries with this action, e.g. {@code user.role_changed}
 * @param from only entries at or after this instant
 * @param to only entries before this instant
 */
public record AuditQuery(
    int limit, Optional<String> cursor, Optional<String> actor, Optional<String> action, Optional<Instant> from, Optional<Instant> to) {

  /** Entries per page when none is given. */
  public static final int DEFAULT_LIMIT = 50;

  /**
   * Checks the values.
   *
   * @throws ValidationException field {@code limit} (code {@code tenancy.limit_invalid}) out of 1 to 1000; field
   *     {@code to} (code {@code tenancy.audit_range_invalid}) when {@code to} is not after {@code from}
   */
  public AuditQuery {
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (limit < 1 || limit > 1000) {
      throw ValidationException.ofField("limit", "tenancy.limit_invalid", "1 to 1000");
    }
    if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
      throw ValidationException.ofField("to", "tenancy.audit_range_invalid", "must be after from");
    }
  }

  /** A query for the newest {@value #DEFAULT_LIMIT} entries, unfiltered, until changed. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AuditQuery}; {@code null} for a filter means "any". */
  public static final class Builder {
    private int limit = DEFAULT_LIMIT;
    private String cursor;
    private String actor;
    private String action;
    private Instant from;
    private Instant to;

    private Builder() {}

    /** Entries per page, 1 to 1000. */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Continue after the page that returned this cursor. */
    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    /** Only this actor's entries. */
    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    /** Only entries with this action. */
    public Builder action(String action) {
      this.action = action;
      return this;
    }

    /** Only entries at or after this instant. */
    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    /** Only entries before this instant. */
    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    /** The query; see the record's constructor for what it refuses. */
    public AuditQuery build() {
      return new AuditQuery(limit, blankToEmpty(cursor), blankToEmpty(actor), blankToEmpty(action),
          Optional.ofNullable(from), Optional.ofNullable(to));
    }

    private static Optional<String> blankToEmpty(String value) {
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
  }
}
