package dev.bizo.crm.analytics;

import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.StatusChange;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A lead's path through the pipeline: it starts NEW at creation, then follows its status changes.
 *
 * @param leadId the lead
 * @param source its source, for win rate by source
 * @param createdAt when it entered NEW
 * @param changes its status changes, sorted by time on construction
 */
public record LeadJourney(LeadId leadId, LeadSource source, Instant createdAt, List<StatusChange> changes) {

  public LeadJourney {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    changes =
        changes.stream()
            .sorted(Comparator.comparing(StatusChange::at))
            .collect(Collectors.toUnmodifiableList());
  }
}
