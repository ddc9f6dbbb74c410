package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StatusChange;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.crm.scoring.Priority;
import dev.bizo.crm.scoring.ScoreHistoryEntry;
import dev.bizo.tenancy.testkit.ForcedRowLevelSecurity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadServiceIT extends CrmDatabase {

  private Lead.Builder lead(TenantId tenant, String name, String email) {
    return Lead.builder(tenant, clock).name(name).email(email);
  }

  @Test
  void create_stores_the_seed_score_with_its_explanation_history_and_events() {
    TenantId t = newTenant();
    StoredLead ada =
        leads.create(
            t, lead(t, "Ada Lovelace", "ada@engines.test").company("Engines Ltd").jobTitle("CEO").source(LeadSource.WEBSITE).build());

    StoredLead read = leads.get(t, ada.id()).orElseThrow();
    // seeds: 50 + 20 company + 20 "ceo" + 10 website = 100
    assertThat(read.score().value()).isEqualTo(100);
    assertThat(read.score().contributions().stream().mapToInt(Contribution::points).sum()).isEqualTo(100);
    assertThat(read.priority()).isEqualTo(Priority.HOT);
    assertThat(read.lead()).isEqualTo(ada.lead());
    List<ScoreHistoryEntry> history = leads.scoreHistory(t, ada.id());
    assertThat(history).singleElement().satisfies(h -> {
      assertThat(h.delta()).isEqualTo(100);
      assertThat(h.cause()).isEqualTo("lead.created");
      assertThat(h.scorerId()).isEqualTo("rules");
    });
    assertThat(events(t, "lead.created", ada.id())).isEqualTo(1);
    assertThat(events(t, "lead.threshold_crossed", ada.id())).as("MQL and SQL").isEqualTo(2);
    assertThat(count(t, "crm_embedding_pending", "lead_id = ?", ada.id().value())).as("queued for its embedding").isEqualTo(1);
  }

  @Test
  void a_duplicate_email_in_any_case_is_a_conflict_naming_the_existing_lead_and_leaves_no_event() {
    TenantId t = newTenant();
    StoredLead first = leads.create(t, lead(t, "Ada", "ada@dup.test").build());
    long eventsBefore = count(t, "bizo_outbox", "event_type = 'lead.created'");
    long eventsBeforeAll = count(t, "bizo_outbox", "true");

    assertThatThrownBy(() -> leads.create(t, lead(t, "Other Ada", "ADA@Dup.Test").build()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(first.id().toString())
        .extracting(e -> ((BizoException) e).code())
        .isEqualTo("lead.duplicate_email");

    assertThat(count(t, "crm_lead", "true")).isEqualTo(1);
    assertThat(count(t, "bizo_outbox", "event_type = 'lead.created'")).isEqualTo(eventsBefore);
    assertThat(count(t, "crm_score_history", "true")).isEqualTo(1);
    assertThat(count(t, "crm_embedding_pending", "true")).isEqualTo(1);
    assertThat(count(t, "bizo_outbox", "true")).as("no event of any type for the refused lead").isEqualTo(eventsBeforeAll);
  }

  @Test
  void the_same_email_in_two_tenants_is_fine() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    leads.create(a, lead(a, "Ada", "shared@both.test").build());
    StoredLead inB = leads.create(b, lead(b, "Ada", "shared@both.test").build());
    assertThat(leads.get(b, inB.id())).isPresent();
    assertThat(count(a, "crm_lead", "true")).isEqualTo(1);
    assertThat(count(b, "crm_lead", "true")).isEqualTo(1);
  }

  @Test
  void status_changes_follow_the_lifecycle_and_record_who_and_when() {
    TenantId t = newTenant();
    StoredLead l = leads.create(t, lead(t, "Grace", "grace@navy.test").build());
    clock.advance(Duration.ofHours(1));
    leads.changeStatus(t, l.id(), LeadStatus.CONTACTED, "user-1");
    clock.advance(Duration.ofHours(2));
    StoredLead qualified = leads.changeStatus(t, l.id(), LeadStatus.QUALIFIED, "user-2");

    assertThat(qualified.lead().status()).isEqualTo(LeadStatus.QUALIFIED);
    assertThat(leads.get(t, l.id()).orElseThrow().lead().status()).isEqualTo(LeadStatus.QUALIFIED);
    List<StatusChange> history = leads.statusHistory(t, l.id());
    assertThat(history).extracting(StatusChange::to).containsExactly(LeadStatus.CONTACTED, LeadStatus.QUALIFIED);
    assertThat(history).extracting(StatusChange::by).containsExactly("user-1", "user-2");
    assertThat(history.get(1).at()).isEqualTo(clock.instant());
    assertThat(events(t, "lead.status_changed", l.id())).isEqualTo(2);

    assertThatThrownBy(() -> leads.changeStatus(t, l.id(), LeadStatus.WON, "user-3"))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((BizoException) e).code())
        .isEqualTo("lead.illegal_transition");
    assertThat(leads.statusHistory(t, l.id())).hasSize(2);
    assertThat(events(t, "lead.status_changed", l.id())).as("none for the refused move").isEqualTo(2);
  }

  @Test
  void status_history_is_append_only_even_for_the_tenant() {
    TenantId t = newTenant();
    StoredLead l = leads.create(t, lead(t, "Alan", "alan@bletchley.test").build());
    leads.changeStatus(t, l.id(), LeadStatus.CONTACTED, "user-1");
    assertThatThrownBy(
            () -> database.transactions().inTenantJdbc(t, c -> c.createStatement().executeUpdate("delete from crm_lead_status_change")))
        .isInstanceOf(BizoException.class)
        .extracting(e -> ((BizoException) e).code())
        .isEqualTo("persistence.append_only");
    assertThat(leads.statusHistory(t, l.id())).hasSize(1);
  }

  @Test
  void update_changes_only_the_patched_fields_and_rescores_with_history() {
    TenantId t = newTenant();
    StoredLead l = leads.create(t, lead(t, "Linus", "linus@kernel.test").source(LeadSource.OTHER).build());
    assertThat(l.score().value()).isEqualTo(50);
    clock.advance(Duration.ofMinutes(5));

    StoredLead updated = leads.update(t, l.id(), b -> b.company("Kernel Org").tags(List.of("vip")));

    assertThat(updated.lead().company()).contains("Kernel Org");
    assertThat(updated.lead().email()).isEqualTo(l.lead().email());
    assertThat(updated.lead().tags()).containsExactly("vip");
    assertThat(updated.score().value()).isEqualTo(70);
    assertThat(leads.get(t, l.id()).orElseThrow().score().value()).isEqualTo(70);
    assertThat(leads.scoreHistory(t, l.id())).extracting(ScoreHistoryEntry::delta).containsExactly(50, 20);
    assertThat(events(t, "lead.updated", l.id())).isEqualTo(1);
    assertThat(events(t, "lead.threshold_crossed", l.id())).as("crossed MQL at 60").isEqualTo(1);

    assertThatThrownBy(() -> leads.update(t, l.id(), b -> b.status(LeadStatus.WON)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void update_to_an_email_of_another_lead_is_a_conflict() {
    TenantId t = newTenant();
    StoredLead a = leads.create(t, lead(t, "A", "a@mail.test").build());
    StoredLead b = leads.create(t, lead(t, "B", "b@mail.test").build());
    assertThatThrownBy(() -> leads.update(t, b.id(), x -> x.email("A@mail.test")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(a.id().toString());
    assertThat(leads.get(t, b.id()).orElseThrow().lead().email().orElseThrow().value()).isEqualTo("b@mail.test");
  }

  @Test
  void activities_rescore_and_threshold_events_are_emitted_once() {
    TenantId t = newTenant();
    StoredLead l = leads.create(t, lead(t, "Hedy", "hedy@radio.test").company("Radio").jobTitle("CEO").build());
    assertThat(events(t, "lead.threshold_crossed", l.id())).isEqualTo(2);

    leads.addActivity(t, l.id(), Activity.of(ActivityType.MEETING, clock.instant()));
    leads.addActivity(t, l.id(), Activity.note(clock.instant(), "asked for pricing"));

    assertThat(leads.activities(t, l.id())).extracting(Activity::type).containsExactly(ActivityType.MEETING, ActivityType.NOTE);
    assertThat(events(t, "lead.activity_added", l.id())).isEqualTo(2);
    assertThat(events(t, "lead.threshold_crossed", l.id())).as("still once per milestone").isEqualTo(2);
  }

  @Test
  void delete_removes_the_lead_and_keeps_its_history() {
    TenantId t = newTenant();
    StoredLead l = leads.create(t, lead(t, "Barbara", "barbara@liskov.test").build());
    leads.changeStatus(t, l.id(), LeadStatus.CONTACTED, "user-1");
    leads.delete(t, l.id());
    assertThat(leads.get(t, l.id())).isEmpty();
    assertThat(leads.statusHistory(t, l.id())).hasSize(1);
    assertThat(events(t, "lead.deleted", l.id())).isEqualTo(1);
    assertThatThrownBy(() -> leads.delete(t, l.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void another_tenant_cannot_read_change_or_delete_a_lead() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    StoredLead l = leads.create(a, lead(a, "Secret", "secret@a.test").build());

    assertThat(leads.get(b, l.id())).isEmpty();
    assertThatThrownBy(() -> leads.update(b, l.id(), x -> x.name("Stolen"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> leads.changeStatus(b, l.id(), LeadStatus.CONTACTED, "x")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> leads.addActivity(b, l.id(), Activity.of(ActivityType.CALL, clock.instant())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> leads.delete(b, l.id())).isInstanceOf(NotFoundException.class);
    assertThat(count(b, "crm_lead", "id = ?", l.id().value())).isZero();
    assertThat(count(b, "bizo_outbox", "aggregate_id = ?", l.id().toString())).isZero();
    assertThat(leads.get(a, l.id()).orElseThrow().lead().name()).isEqualTo("Secret");
  }

  @Test
  void a_lead_of_another_tenant_is_refused_on_create() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    assertThatThrownBy(() -> leads.create(b, lead(a, "Wrong", "wrong@a.test").build()))
        .isInstanceOf(ValidationException.class);
    assertThat(count(a, "crm_lead", "true") + count(b, "crm_lead", "true")).isZero();
  }

  @Test
  void attributes_and_utm_round_trip() {
    TenantId t = newTenant();
    StoredLead l =
        leads.create(
            t,
            lead(t, "Katherine", "kj@nasa.test")
                .attributes(Map.of("plan", "pro", "seats", 12))
                .utm(new dev.bizo.crm.Utm("news", "email", "launch", null, null))
                .country("us").companySize(40).phone("+1 555 0100")
                .build());
    assertThat(leads.get(t, l.id()).orElseThrow().lead()).isEqualTo(l.lead());
  }
  @Test
  void create_answers_with_exactly_what_a_later_read_returns() {
    TenantId t = newTenant();
    StoredLead created =
        leads.create(
            t,
            lead(t, "Grace Hopper", "Grace@Navy.test")
                .attributes(Map.of("zeta", List.of(1, 2), "a", Map.of("nested", true), "plan", "pro"))
                .tags(List.of("vip", "early"))
                .company("Navy").jobTitle("CEO").source(LeadSource.REFERRAL)
                .build());

    // the answer is the stored row (jsonb key order, timestamp precision), score and explanation included
    assertThat(created).isEqualTo(leads.get(t, created.id()).orElseThrow());
  }

  @Test
  void every_crm_table_hides_another_tenants_rows_from_raw_sql_as_the_app_role() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    StoredLead l = leads.create(a, lead(a, "Rows", "rows@a.test").build());
    leads.changeStatus(a, l.id(), LeadStatus.CONTACTED, "user-1");
    leads.addActivity(a, l.id(), Activity.of(ActivityType.CALL, clock.instant()));
    leads.scoringConfiguration().putScoringRules(a, dev.bizo.crm.scoring.RuleSet.defaults(), "admin");
    leads.create(a, lead(a, "More rows", "more@a.test").build());
    analytics.compact(a, 1);
    for (String table : List.of("crm_lead", "crm_lead_status_change", "crm_activity", "crm_score_history", "bizo_outbox",
        "crm_scoring_config", "crm_lead_rollup", "crm_lead_rollup_delta",
        "crm_lead_cohort_delta", "crm_embedding_pending")) {
      assertThat(count(a, table, "tenant_id = ?", a.value())).as(table + " seen by its tenant").isPositive();
      assertThat(count(b, table, "tenant_id = ?", a.value())).as(table + " seen by another tenant").isZero();
      assertThat(count(b, table, "true")).as(table + " unfiltered, another tenant").isZero();
    }
    int changed =
        database.transactions().inTenantJdbc(
            b,
            c -> {
              try (var p = c.prepareStatement("update crm_lead set name = 'Stolen' where id = ?")) {
                p.setObject(1, l.id().value());
                return p.executeUpdate();
              }
            });
    assertThat(changed).isZero();
    assertThat(leads.get(a, l.id()).orElseThrow().lead().name()).isEqualTo("Rows");
  }

  @Test
  void every_crm_table_with_a_tenant_column_has_row_level_security_forced() {
    ForcedRowLevelSecurity.assertEveryTenantTable(db, "crm_lead", "crm_lead_status_change", "crm_activity",
        "crm_score_history", "crm_scoring_model", "crm_import", "crm_lead_rollup", "crm_lead_rollup_delta",
        "crm_lead_cohort", "crm_lead_cohort_delta",
        "crm_scoring_config", "crm_lead_embedding", "crm_embedding_pending", "crm_embedding_removed", "bizo_outbox");
  }
}
