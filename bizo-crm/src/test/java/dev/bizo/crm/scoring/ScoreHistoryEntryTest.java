package dev.bizo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreHistoryEntryTest {

  private final TenantId tenant = TenantId.generate();
  private final LeadId lead = LeadId.generate();
  private final Instant at = Instant.parse("2026-03-01T10:00:00Z");

  private LeadScore score(int value) {
    return new LeadScore(value, List.of(new Contribution("Base score", value)), "rules", "r-abc", at);
  }

  @Test
  void records_delta_cause_scorer_and_time() {
    ScoreHistoryEntry e = ScoreHistoryEntry.of(tenant, lead, 55, score(70), "activity:MEETING");
    assertThat(e.delta()).isEqualTo(15);
    assertThat(e.scorerId()).isEqualTo("rules");
    assertThat(e.scorerVersion()).isEqualTo("r-abc");
    assertThat(e.at()).isEqualTo(at);
    assertThat(ScoreHistoryEntry.of(tenant, lead, 80, score(70), "decay").delta()).isEqualTo(-10);
  }

  @Test
  void the_first_score_is_its_own_delta() {
    assertThat(ScoreHistoryEntry.of(tenant, lead, -1, score(42), "created").delta()).isEqualTo(42);
  }

  @Test
  void refuses_an_inconsistent_delta_or_a_missing_cause() {
    assertThatThrownBy(() -> new ScoreHistoryEntry(tenant, lead, 10, 20, 5, "x", "rules", "1", at))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ScoreHistoryEntry.of(tenant, lead, 10, score(20), " "))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void a_score_whose_lines_do_not_add_up_is_refused() {
    assertThatThrownBy(() -> new LeadScore(50, List.of(new Contribution("x", 49)), "s", "1", at))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("do_not_add_up"));
    assertThatThrownBy(() -> new LeadScore(101, List.of(new Contribution("x", 101)), "s", "1", at))
        .isInstanceOf(ValidationException.class);
  }
}
