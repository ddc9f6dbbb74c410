package dev.bizo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConflictException;
import dev.bizo.core.TenantId;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeadLifecycleTest {

  /** The intended table, written independently of the implementation. */
  private static final Set<String> ALLOWED =
      Set.of(
          "NEW>CONTACTED", "NEW>UNQUALIFIED", "NEW>LOST",
          "CONTACTED>QUALIFIED", "CONTACTED>UNQUALIFIED", "CONTACTED>LOST",
          "QUALIFIED>PROPOSAL", "QUALIFIED>UNQUALIFIED", "QUALIFIED>LOST",
          "PROPOSAL>NEGOTIATION", "PROPOSAL>WON", "PROPOSAL>LOST",
          "NEGOTIATION>PROPOSAL", "NEGOTIATION>WON", "NEGOTIATION>LOST",
          "LOST>CONTACTED",
          "UNQUALIFIED>NEW");

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final TenantId tenant = TenantId.generate();

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (LeadStatus from : LeadStatus.values()) {
      for (LeadStatus to : LeadStatus.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void every_pair_follows_the_table(LeadStatus from, LeadStatus to) {
    boolean expected = ALLOWED.contains(from + ">" + to);
    assertThat(LeadLifecycle.isAllowed(from, to)).isEqualTo(expected);
    assertThat(LeadLifecycle.nextStatuses(from).contains(to)).isEqualTo(expected);
    Lead lead = Lead.builder(tenant, clock).name("Ada").status(from).build();
    if (expected) {
      LeadLifecycle.Transition t = LeadLifecycle.move(lead, to, "user-7", clock);
      assertThat(t.lead().status()).isEqualTo(to);
      assertThat(t.change().from()).isEqualTo(from);
    } else {
      assertThatThrownBy(() -> LeadLifecycle.move(lead, to, "user-7", clock))
          .isInstanceOfSatisfying(ConflictException.class,
              e -> {
                assertThat(e.code()).isEqualTo("lead.illegal_transition");
                assertThat(e.getMessage()).contains(from.name()).contains(to.name());
              });
    }
  }

  @Test
  void won_is_terminal() {
    assertThat(LeadLifecycle.nextStatuses(LeadStatus.WON)).isEmpty();
  }

  @Test
  void a_move_records_who_and_when_and_touches_the_lead() {
    Lead lead = Lead.builder(tenant, clock).name("Ada").build();
    clock.advance(Duration.ofHours(3));
    LeadLifecycle.Transition t = LeadLifecycle.move(lead, LeadStatus.CONTACTED, "user-7", clock);
    assertThat(t.change())
        .isEqualTo(new StatusChange(lead.id(), LeadStatus.NEW, LeadStatus.CONTACTED, "user-7", clock.instant()));
    assertThat(t.lead().updatedAt()).isEqualTo(clock.instant());
    assertThat(t.lead().createdAt()).isEqualTo(lead.createdAt());
    assertThat(t.lead().id()).isEqualTo(lead.id());
  }

  @Test
  void a_change_needs_an_author() {
    Lead lead = Lead.builder(tenant, clock).name("Ada").build();
    assertThatThrownBy(() -> LeadLifecycle.move(lead, LeadStatus.CONTACTED, " ", clock))
        .isInstanceOf(dev.bizo.core.ValidationException.class);
  }

  @Test
  void a_full_happy_path_reaches_won() {
    Lead lead = Lead.builder(tenant, clock).name("Ada").build();
    for (LeadStatus next : List.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL,
        LeadStatus.NEGOTIATION, LeadStatus.WON)) {
      lead = LeadLifecycle.move(lead, next, "rep", clock).lead();
    }
    assertThat(lead.status()).isEqualTo(LeadStatus.WON);
  }
}
