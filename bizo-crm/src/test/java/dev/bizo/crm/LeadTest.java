package dev.bizo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.tck.SampleLeads;
import dev.bizo.testkit.MutableClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadTest {

  private final TenantId tenant = TenantId.generate();
  private final MutableClock clock = MutableClock.startingAtNewYear();

  @Test
  void a_new_lead_starts_new_with_fresh_time_ordered_id_and_timestamps() {
    Lead a = SampleLeads.bare(tenant, clock);
    Lead b = SampleLeads.bare(tenant, clock);
    assertThat(a.status()).isEqualTo(LeadStatus.NEW);
    assertThat(a.source()).isEqualTo(LeadSource.OTHER);
    assertThat(a.createdAt()).isEqualTo(clock.instant()).isEqualTo(a.updatedAt());
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.id().value().version()).isEqualTo(7);
    assertThat(a.email()).isEmpty();
  }

  @Test
  void normalizes_email_country_and_tags() {
    Lead lead = SampleLeads.full(tenant, clock);
    assertThat(lead.email()).contains(EmailAddress.of("grace.hopper@navy.example.org"));
    assertThat(lead.country()).contains("US");
    assertThat(lead.tags()).containsExactly("enterprise", "vip");
    assertThat(lead.companySize()).hasValue(250);
    assertThat(lead.attributes()).containsEntry("budget", 50000);
  }

  @Test
  void reports_every_broken_rule_at_once() {
    assertThatThrownBy(() ->
            Lead.builder(tenant, clock)
                .name(" ")
                .email("not-an-email")
                .phone("call me")
                .companySize(-3)
                .country("France")
                .tags(List.of("ok", "not ok"))
                .build())
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(
                    org.assertj.core.groups.Tuple.tuple("name", "required"),
                    org.assertj.core.groups.Tuple.tuple("email", "invalid_email"),
                    org.assertj.core.groups.Tuple.tuple("phone", "invalid_phone"),
                    org.assertj.core.groups.Tuple.tuple("companySize", "negative"),
                    org.assertj.core.groups.Tuple.tuple("country", "invalid_country"),
                    org.assertj.core.groups.Tuple.tuple("tags", "invalid_tag")));
  }

  @Test
  void refuses_attributes_that_are_not_json() {
    assertThatThrownBy(() ->
            Lead.builder(tenant, clock).name("x").attributes(Map.of("when", new Object())).build())
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("attributes.when"));
  }

  @Test
  void is_immutable_even_when_the_inputs_change() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("nested", new java.util.ArrayList<>(List.of("a")));
    Lead lead = Lead.builder(tenant, clock).name("x").attributes(attrs).build();
    attrs.put("late", 1);
    assertThat(lead.attributes()).doesNotContainKey("late");
    assertThatThrownBy(() -> lead.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> nested = (List<Object>) lead.attributes().get("nested");
    assertThatThrownBy(() -> nested.add("b")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void to_builder_round_trips() {
    Lead lead = SampleLeads.full(tenant, clock);
    assertThat(lead.toBuilder().build()).isEqualTo(lead);
    assertThat(lead.toBuilder().company("Other").build()).isNotEqualTo(lead);
  }

  @Test
  void lead_ids_parse_and_reject_garbage() {
    LeadId id = LeadId.generate();
    assertThat(LeadId.parse(id.toString())).isEqualTo(id);
    assertThatThrownBy(() -> LeadId.parse("nope"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("leadId"));
  }

  @Test
  void sources_parse_leniently_and_reject_unknown_ones() {
    assertThat(LeadSource.parse("source", "social-media")).isEqualTo(LeadSource.SOCIAL_MEDIA);
    assertThat(LeadSource.parse("source", " paid ads ")).isEqualTo(LeadSource.PAID_ADS);
    assertThatThrownBy(() -> LeadSource.parse("source", "carrier pigeon"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("unknown_source"));
  }
}
