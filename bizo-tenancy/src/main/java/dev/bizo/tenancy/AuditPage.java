package dev.bizo.tenancy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a tenant's audit log, newest first.
 *
 * @param entries the entries of this page
 * @param nextCursor pass as {@link AuditQuery#cursor()} for the next page; empty on the last page
 */
public record AuditPage(List<AuditEntry> entries, Optional<String> nextCursor) {

  public AuditPage {
    entries = List.copyOf(entries);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
