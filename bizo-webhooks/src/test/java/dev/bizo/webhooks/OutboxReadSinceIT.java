package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.core.events.RecordedEvent;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Core's {@link Outbox#readSince}, the read of an outbox tail, on a real database. It is tested here, by the
 * outbox's reader, because core's tests have no tenant table to migrate it onto.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxReadSinceIT {

  private TenancyDatabase database;
  private final MutableClock clock = MutableClock.startingAtNewYear();

  @BeforeAll
  void start(TestDatabase db) {
    database = TestTenancy.start(db, WebhooksPersistence.modules());
  }

  @AfterAll
  void stop() {
    database.close();
  }

  private DomainEvent commit(TenantId tenant, String type, String aggregateId, String payload) {
    DomainEvent event = DomainEvent.builder(tenant, type, clock).aggregate("lead", aggregateId).payload(payload).build();
    database.transactions().inTenantJdbc(tenant, c -> {
      Outbox.append(c, event);
      return null;
    });
    return event;
  }

  private List<RecordedEvent> read(TenantId tenant, Instant after, int limit) {
    return database.transactions().inTenantJdbc(tenant, c -> Outbox.readSince(c, tenant, after, limit));
  }

  @Test
  void returns_the_tenants_events_as_appended_oldest_first_with_the_databases_recorded_time() {
    TenantId tenant = TestTenancy.newTenant(database);
    TenantId other = TestTenancy.newTenant(database);
    List<DomainEvent> appended = new ArrayList<>();
    appended.add(commit(tenant, "lead.created", "L-1", "{\"n\": 1}"));
    commit(other, "lead.created", "L-9", "{\"n\": 9}");
    appended.add(commit(tenant, "lead.qualified", "L-1", "{\"score\": 87, \"tags\": [\"b2b\"]}"));
    appended.add(commit(tenant, "payment.succeeded", "P-2", "{}"));

    List<RecordedEvent> events = read(tenant, Instant.EPOCH, 10);

    assertThat(events).extracting(RecordedEvent::event).extracting(DomainEvent::id)
        .containsExactlyElementsOf(appended.stream().map(DomainEvent::id).toList());
    assertThat(events.get(1).event()).satisfies(e -> {
      assertThat(e.tenant()).isEqualTo(tenant);
      assertThat(e.type()).isEqualTo("lead.qualified");
      assertThat(e.aggregateType()).isEqualTo("lead");
      assertThat(e.aggregateId()).isEqualTo("L-1");
      assertThat(e.payload()).isEqualTo("{\"tags\": [\"b2b\"], \"score\": 87}");
      assertThat(e.occurredAt()).isEqualTo(appended.get(1).occurredAt());
    });
    assertThat(events).extracting(RecordedEvent::recordedAt).isSorted();
  }

  @Test
  void reads_strictly_after_the_given_time_and_at_most_the_limit() {
    TenantId tenant = TestTenancy.newTenant(database);
    commit(tenant, "lead.created", "L-1", "{}");
    commit(tenant, "lead.created", "L-2", "{}");
    DomainEvent third = commit(tenant, "lead.created", "L-3", "{}");
    List<RecordedEvent> all = read(tenant, Instant.EPOCH, 10);

    assertThat(read(tenant, Instant.EPOCH, 2)).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(read(tenant, all.get(1).recordedAt(), 10)).extracting(e -> e.event().id()).containsExactly(third.id());
    assertThat(read(tenant, all.get(2).recordedAt(), 10)).isEmpty();
  }
}
