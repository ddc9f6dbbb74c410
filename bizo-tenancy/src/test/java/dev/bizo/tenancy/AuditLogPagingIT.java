package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.ValidationException;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Reading a tenant's audit log page by page, filtered, on a real PostgreSQL under forced row-level security. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogPagingIT {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private TenancyDatabase database;
  private Tenants tenants;
  private AuditLog audit;
  private MutableClock clock;

  @BeforeAll
  void start(TestDatabase db) {
    database = TestTenancy.start(db);
    Transactions tx = database.transactions();
    clock = new MutableClock(T0);
    audit = new AuditLog(tx, clock);
    tenants = new Tenants(tx, new Users(tx, audit, clock), audit, clock);
  }

  @AfterAll
  void stop() {
    assertThat(database.tenantLeaksOnRelease()).isZero();
    database.close();
  }

  @Test
  void pages_walk_the_whole_log_newest_first_without_gaps_or_repeats() {
    User owner = tenants.signup(TestTenancy.signup("pages")).owner();
    for (int i = 0; i < 11; i++) {
      clock.advance(Duration.ofSeconds(1));
      audit.append(owner.tenant(), "actor-" + (i % 2), "report.exported", "r" + i, null);
    }
    List<AuditEntry> all = audit.recent(owner.principal(), 100);

    List<AuditEntry> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      AuditPage page = audit.page(owner.principal(), AuditQuery.builder().limit(4).cursor(cursor).build());
      walked.addAll(page.entries());
      cursor = page.nextCursor().orElse(null);
      pages++;
      if (cursor != null) {
        // something appended meanwhile lands before the first page, never inside the walk
        clock.advance(Duration.ofSeconds(1));
        audit.append(owner.tenant(), "system", "report.exported", "late", null);
      }
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(walked).isEqualTo(all);
    assertThat(walked).extracting(AuditEntry::occurredAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void filters_by_actor_action_and_time_range() {
    User owner = tenants.signup(TestTenancy.signup("filters")).owner();
    Instant start = clock.instant();
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(1));
      audit.append(owner.tenant(), i < 3 ? "alice" : "bob", i % 2 == 0 ? "lead.exported" : "lead.deleted", "l" + i, null);
    }

    assertThat(audit.page(owner.principal(), AuditQuery.builder().actor("alice").build()).entries())
        .extracting(AuditEntry::target).containsExactly(Optional.of("l2"), Optional.of("l1"), Optional.of("l0"));
    assertThat(audit.page(owner.principal(), AuditQuery.builder().action("lead.deleted").build()).entries())
        .extracting(AuditEntry::action).hasSize(3).containsOnly("lead.deleted");
    AuditPage window = audit.page(owner.principal(),
        AuditQuery.builder().from(start.plus(Duration.ofMinutes(2))).to(start.plus(Duration.ofMinutes(4))).build());
    assertThat(window.entries()).extracting(e -> e.target().orElseThrow()).containsExactly("l2", "l1");
    assertThat(audit.page(owner.principal(), AuditQuery.builder().actor("bob").action("lead.exported").build()).entries())
        .extracting(e -> e.target().orElseThrow()).containsExactly("l4");
  }

  @Test
  void a_reader_sees_only_their_own_tenants_entries() {
    User mine = tenants.signup(TestTenancy.signup("mine")).owner();
    User theirs = tenants.signup(TestTenancy.signup("theirs")).owner();
    audit.append(theirs.tenant(), "intruder-target", "secret.stored", "theirs-only", null);

    List<AuditEntry> seen = audit.page(mine.principal(), AuditQuery.builder().limit(1000).build()).entries();
    assertThat(seen).isNotEmpty().allSatisfy(e -> assertThat(e.tenant()).isEqualTo(mine.tenant()));
    assertThat(audit.page(mine.principal(), AuditQuery.builder().actor("intruder-target").build()).entries()).isEmpty();
  }

  @Test
  void refuses_readers_without_audit_permission_and_bad_queries() {
    User owner = tenants.signup(TestTenancy.signup("refusals")).owner();
    Principal viewer = Principal.of(owner.tenant(), UUID.randomUUID().toString(), Role.VIEWER);

    assertThatThrownBy(() -> audit.page(viewer, AuditQuery.builder().build())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> audit.page(owner.principal(), AuditQuery.builder().cursor("not-a-cursor").build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("cursor"));
    assertThatThrownBy(() -> AuditQuery.builder().limit(0).build()).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AuditQuery.builder().from(T0).to(T0).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("to"));
  }
}
