package dev.bizo.crm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a lead query.
 *
 * @param leads the leads on this page, in the query's order
 * @param nextCursor the opaque cursor of the next page; empty on the last page
 */
public record LeadPage(List<StoredLead> leads, Optional<String> nextCursor) {

  public LeadPage {
    leads = List.copyOf(leads);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
