package dev.bizo.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class DomainEventTest {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final TenantId tenant = TenantId.generate();

  @Test
  void builds_an_event_stamped_by_the_clock_with_a_fresh_time_ordered_id() {
    DomainEvent first = DomainEvent.builder(tenant, "lead.created", clock).aggregate("lead", "42").payload("{\"a\":1}").build();
    DomainEvent second = DomainEvent.builder(tenant, "lead.created", clock).aggregate("lead", "43").build();
    assertThat(first.occurredAt()).isEqualTo(clock.instant());
    assertThat(first.id().version()).isEqualTo(7);
    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(first.id().compareTo(second.id())).isNegative();
    assertThat(second.payload()).isEqualTo("{}");
  }

  @Test
  void rejects_undotted_types_non_object_payloads_and_missing_aggregates() {
    assertThatThrownBy(() -> DomainEvent.builder(tenant, "LeadCreated", clock).aggregate("lead", "1").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DomainEvent.builder(tenant, "lead.created", clock).aggregate("lead", "1").payload("[1]").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DomainEvent.builder(tenant, "lead.created", clock).build()).isInstanceOf(NullPointerException.class);
  }
}
