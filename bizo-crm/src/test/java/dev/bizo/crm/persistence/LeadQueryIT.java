package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadPage;
import dev.bizo.crm.LeadQuery;
import dev.bizo.crm.LeadSort;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeadQueryIT extends CrmDatabase {

  private TenantId t;
  private Instant start;
  private final List<StoredLead> all = new ArrayList<>();

  @BeforeAll
  void fixture() {
    t = newTenant();
    start = clock.instant();
    // 40 leads, one minute apart, varied fields; scores: 50 base + 20 company + 20 ceo + source points
    LeadSource[] sources = {LeadSource.WEBSITE, LeadSource.REFERRAL, LeadSource.EVENT, LeadSource.COLD_OUTREACH};
    for (int i = 0; i < 40; i++) {
      Lead.Builder b =
          Lead.builder(t, clock)
              .name(String.format("Lead %02d %s", i, i % 3 == 0 ? "Engines" : "Looms"))
              .email("lead" + i + "@query.test")
              .source(sources[i % 4])
              .owner(i % 2 == 0 ? "alice" : "bob")
              .tags(i % 5 == 0 ? List.of("vip") : List.of());
      if (i % 3 == 0) {
        b.company("Analytical Engines");
      }
      if (i % 7 == 0) {
        b.jobTitle("CEO");
      }
      all.add(leads.create(t, b.build()));
      clock.advance(Duration.ofMinutes(1));
    }
    for (int i = 0; i < 10; i++) {
      leads.changeStatus(t, all.get(i).id(), LeadStatus.CONTACTED, "user-1");
    }
  }

  private List<LeadId> everything(LeadQuery.Builder query, int pageSize) {
    List<LeadId> ids = new ArrayList<>();
    String cursor = null;
    do {
      LeadPage page = leads.query(t, query.limit(pageSize).after(cursor).build());
      assertThat(page.leads().size()).isLessThanOrEqualTo(pageSize);
      page.leads().forEach(l -> ids.add(l.id()));
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    return ids;
  }

  private List<LeadId> expected(java.util.function.Predicate<StoredLead> filter) {
    return all.stream().filter(filter).map(StoredLead::id).collect(Collectors.toList());
  }

  @Test
  void filters_by_status_source_owner_tag_score_created_and_text() {
    assertThat(everything(LeadQuery.builder().statuses(EnumSet.of(LeadStatus.CONTACTED)), 100))
        .containsExactlyInAnyOrderElementsOf(all.subList(0, 10).stream().map(StoredLead::id).collect(Collectors.toList()));
    assertThat(everything(LeadQuery.builder().sources(EnumSet.of(LeadSource.REFERRAL, LeadSource.EVENT)), 100))
        .containsExactlyInAnyOrderElementsOf(
            expected(l -> l.lead().source() == LeadSource.REFERRAL || l.lead().source() == LeadSource.EVENT));
    assertThat(everything(LeadQuery.builder().owner("bob"), 100))
        .hasSize(20)
        .containsExactlyInAnyOrderElementsOf(expected(l -> l.lead().owner().orElse("").equals("bob")));
    assertThat(everything(LeadQuery.builder().tag("VIP"), 100))
        .containsExactlyInAnyOrderElementsOf(expected(l -> l.lead().tags().contains("vip")))
        .hasSize(8);
    assertThat(everything(LeadQuery.builder().minScore(70).maxScore(89), 100))
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(expected(l -> l.score().value() >= 70 && l.score().value() <= 89));
    assertThat(everything(LeadQuery.builder().created(start.plus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(15))), 100))
        .containsExactlyElementsOf(reversed(all.subList(5, 15).stream().map(StoredLead::id).collect(Collectors.toList())));
    assertThat(everything(LeadQuery.builder().text("engin"), 100))
        .hasSize(14)
        .containsExactlyInAnyOrderElementsOf(expected(l -> l.lead().name().contains("Engines")));
    assertThat(everything(LeadQuery.builder().text("looms").owner("alice").sources(EnumSet.of(LeadSource.EVENT)), 100))
        .containsExactlyInAnyOrderElementsOf(
            expected(l -> l.lead().name().contains("Looms") && l.lead().owner().orElse("").equals("alice")
                && l.lead().source() == LeadSource.EVENT));
  }

  @Test
  void pages_in_every_sort_order_match_the_full_ordering() {
    Comparator<StoredLead> byId = Comparator.comparing(l -> l.id().value());
    assertThat(everything(LeadQuery.builder().sort(LeadSort.CREATED_AT, false), 7))
        .containsExactlyElementsOf(all.stream().map(StoredLead::id).collect(Collectors.toList()));
    assertThat(everything(LeadQuery.builder().sort(LeadSort.SCORE, true), 6))
        .containsExactlyElementsOf(
            all.stream().sorted(Comparator.<StoredLead>comparingInt(l -> l.score().value()).thenComparing(byId).reversed())
                .map(StoredLead::id).collect(Collectors.toList()));
    assertThat(everything(LeadQuery.builder().sort(LeadSort.NAME, false), 9))
        .containsExactlyElementsOf(
            all.stream().sorted(Comparator.<StoredLead, String>comparing(l -> l.lead().name()).thenComparing(byId))
                .map(StoredLead::id).collect(Collectors.toList()));
  }

  @Test
  void a_cursor_of_another_order_or_a_forged_one_is_refused() {
    String cursor = leads.query(t, LeadQuery.builder().limit(3).build()).nextCursor().orElseThrow();
    assertThatThrownBy(() -> leads.query(t, LeadQuery.builder().sort(LeadSort.SCORE, true).after(cursor).build()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> leads.query(t, LeadQuery.builder().after("bm90LWEtY3Vyc29y").build()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void pages_neither_skip_nor_repeat_while_another_thread_inserts() throws Exception {
    TenantId busy = newTenant();
    List<LeadId> before = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      before.add(leads.create(busy, Lead.builder(busy, clock).name("M" + (1000 + i)).email("m" + i + "@busy.test").build()).id());
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger inserted = new AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<?> writing =
        writer.submit(
            () -> {
              int i = 0;
              while (!stop.get()) {
                // names land before, between and after the existing ones
                String name = (i % 3 == 0 ? "A" : i % 3 == 1 ? "M" : "Z") + (1000 + (i * 37) % 97);
                leads.create(busy, Lead.builder(busy, clock).name(name).email("new" + i + "@busy.test").build());
                inserted.incrementAndGet();
                i++;
              }
            });
    try {
      for (LeadSort sort : List.of(LeadSort.NAME, LeadSort.CREATED_AT)) {
        List<LeadId> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
          LeadPage page = leads.query(busy, LeadQuery.builder().sort(sort, false).limit(5).after(cursor).build());
          page.leads().forEach(l -> seen.add(l.id()));
          cursor = page.nextCursor().orElse(null);
          pages++;
        } while (cursor != null && pages < 2000);
        Set<LeadId> unique = new HashSet<>(seen);
        assertThat(unique).as("no lead repeated (" + sort + ")").hasSameSizeAs(seen);
        assertThat(unique).as("no lead that existed before paging skipped (" + sort + ")").containsAll(before);
      }
    } finally {
      stop.set(true);
      writing.get(30, TimeUnit.SECONDS);
      writer.shutdown();
    }
    assertThat(inserted.get()).as("the writer really ran concurrently").isPositive();
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
