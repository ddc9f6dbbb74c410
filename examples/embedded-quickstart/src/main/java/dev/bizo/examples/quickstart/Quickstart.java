package dev.bizo.examples.quickstart;

import dev.bizo.agents.AgentResult;
import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.PeriodReport;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.platform.Bizo;
import dev.bizo.platform.SignUp;
import dev.bizo.tenancy.SignupResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bizo embedded in a plain Java program, end to end, through the one front door ({@link Bizo#builder()}):
 *
 * <ol>
 *   <li>starts a real PostgreSQL (the embedded default) with its data in a temporary directory;</li>
 *   <li>migrates the SDK's modules and signs up a tenant;</li>
 *   <li>creates leads and prints each score with the explanation that adds up to it;</li>
 *   <li>takes a payment on the simulator gateway with an idempotency key, and replays the call;</li>
 *   <li>runs the report agent offline (no language model needed) over those leads and payments;</li>
 *   <li>stops PostgreSQL and deletes the temporary directory.</li>
 * </ol>
 *
 * <p>Run it with {@code ./mvnw -pl examples/embedded-quickstart exec:java}. Every line it prints goes to
 * standard output; the SDK's own logging goes to standard error at WARN.
 */
public final class Quickstart {

  /** The reporting currency of this business. */
  private static final String CURRENCY = "EUR";

  private final PrintStream out;
  private final Clock clock = Clock.systemUTC();

  private Quickstart(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the quickstart.
   *
   * @param args ignored
   * @throws IOException when the temporary directory cannot be created or PostgreSQL cannot start or stop
   */
  public static void main(String[] args) throws IOException {
    new Quickstart(System.out).run();
  }

  private void run() throws IOException {
    Path workDir = Files.createTempDirectory("bizo-quickstart-");
    try {
      // 1. Bizo: a real PostgreSQL process (the embedded default, localhost only) migrated for the CRM, payments
      //    and agents, with tenancy, auth and the services wired as the reference server wires them.
      //    With no master key given, Bizo generates one into workDir/master.key (owner-only) and warns that this
      //    is not for production; a real application passes masterKey(...) or sets BIZO_MASTER_KEY.
      try (Bizo bizo = Bizo.builder()
          .embedded(workDir)
          .poolSize(4)
          .clock(clock)
          .crm()
          .payments(SimulatorGateway.ID)
          .agents(CURRENCY)
          .start()) {
        out.println("embedded PostgreSQL started on localhost:" + bizo.embeddedDatabase().orElseThrow().port()
            + ", data in " + workDir);
        out.println("database migrated: " + String.join(", ", bizo.modules()));
        withBizo(bizo);
      }
      out.println("embedded PostgreSQL stopped");
    } finally {
      deleteRecursively(workDir);
      out.println("temporary directory removed: " + !Files.exists(workDir));
    }
  }

  private void withBizo(Bizo bizo) {
    // 2. Signup is one call: the password is checked against the policy and hashed with Argon2id.
    SignupResult result = bizo.signUp(
        SignUp.of("Acme Widgets", "acme-widgets", "owner@acme-widgets.example", "correct horse battery staple"));
    out.println("tenant created: " + result.tenant().name() + " (slug " + result.tenant().slug() + ", owner "
        + result.owner().email() + ")");
    TenantId tenant = result.tenant().id();
    List<StoredLead> created = createLeads(bizo.leads(), tenant);
    // The simulator moves no money and needs no credentials; it is found on the class path through
    // META-INF/services, as Stripe or a third-party gateway would be.
    out.println("gateways installed: " + bizo.gateways().names());
    takePayment(bizo.payments(), tenant);
    report(bizo.agents(), tenant, created.size());
  }

  private List<StoredLead> createLeads(LeadService leads, TenantId tenant) {
    List<Lead> incoming = List.of(
        Lead.builder(tenant, clock).name("Ada Lovelace").email("ada@analytical-engines.example")
            .company("Analytical Engines").jobTitle("CEO").industry("Software").companySize(250)
            .source(LeadSource.REFERRAL).build(),
        Lead.builder(tenant, clock).name("Grace Hopper").email("grace@compilers.example")
            .company("Compilers Inc").jobTitle("VP Engineering").industry("Software").companySize(1200)
            .source(LeadSource.EVENT).build(),
        Lead.builder(tenant, clock).name("Alan Turing").email("alan@bletchley.example")
            .jobTitle("Intern").source(LeadSource.PAID_ADS).build(),
        Lead.builder(tenant, clock).name("Edsger Dijkstra").source(LeadSource.WEBSITE).build());
    List<StoredLead> created = new ArrayList<>();
    for (Lead lead : incoming) {
      StoredLead stored = leads.create(tenant, lead);
      created.add(stored);
      int explained = stored.score().contributions().stream().mapToInt(Contribution::points).sum();
      out.println("lead " + stored.lead().name() + ": score " + stored.score().value() + " (" + stored.priority()
          + "), explanation sums to " + explained);
      stored.score().contributions().stream()
          .sorted(Comparator.comparingInt((Contribution c) -> -Math.abs(c.points())))
          .forEach(c -> out.printf("    %+4d  %s%n", c.points(), c.label()));
    }
    out.println("leads created: " + created.size());

    // Move the pipeline along, so the report has something to say: Ada buys, Grace is qualified.
    StoredLead ada = created.get(0);
    for (LeadStatus step : List.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL, LeadStatus.WON)) {
      leads.changeStatus(tenant, ada.id(), step, "quickstart");
    }
    StoredLead grace = created.get(1);
    leads.changeStatus(tenant, grace.id(), LeadStatus.CONTACTED, "quickstart");
    leads.changeStatus(tenant, grace.id(), LeadStatus.QUALIFIED, "quickstart");
    out.println("pipeline: " + ada.lead().name() + " WON, " + grace.lead().name() + " QUALIFIED");
    return created;
  }

  private void takePayment(PaymentService payments, TenantId tenant) {
    // The key is the caller's: a retry after a lost response sends the same key and gets the same answer.
    IdempotencyKey key = IdempotencyKey.of("order-1001-pay");
    NewPayment order = NewPayment.builder(Money.of("49.90", CURRENCY), PaymentMethod.token(SimulatorCards.SUCCESS))
        .merchantReference("order-1001")
        .description("Acme Widgets annual plan")
        .build();
    PaymentResponse paid = payments.create(tenant, order, key);
    out.println("payment " + paid.transactionStatus() + ": " + paid.amount() + " on " + paid.gatewayId()
        + ", status " + paid.status() + ", payment id " + paid.paymentId() + ", idempotency key " + key);
    PaymentResponse replay = payments.create(tenant, order, key);
    out.println("payment replay with key " + key + ": payment id " + replay.paymentId() + ", same payment "
        + replay.paymentId().equals(paid.paymentId()) + ", same answer " + replay.equals(paid));
  }

  private void report(AgentRuntime agents, TenantId tenant, int leadCount) {
    // The agents read the CRM and payments through their public APIs; without a configured language model the
    // runtime is offline: the same tools compute every figure and a template writes the narrative.
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    DayRange lastThirtyDays = new DayRange(today.minusDays(29), today);
    AgentResult<PeriodReport> result = agents.reportGenerator(
        tenant, AgentTask.builder("Summarise the last 30 days for the board", lastThirtyDays).build());
    PeriodReport report = result.orElseThrow();
    PeriodReport.Metrics m = report.metrics();
    out.println("report agent (" + result.mode().label() + " mode), run " + result.trace().id() + " "
        + result.status() + ", " + result.trace().toolCalls().size() + " tool calls, period " + report.period());
    out.println("report: " + m.newLeads() + " new leads, " + m.qualifiedLeads() + " qualified, "
        + m.convertedLeads() + " converted (" + m.conversionRatePercent() + " %), "
        + m.successfulPayments() + " successful payments, gross " + m.grossRevenue() + ", net " + m.netRevenue()
        + ", top channel " + m.topChannel().orElse("none"));
    out.println("report narrative: " + report.narrative().replace('\n', ' '));
    if (m.newLeads() != leadCount) {
      throw new IllegalStateException("The report counts " + m.newLeads() + " new leads, " + leadCount + " were created");
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + root, e);
    }
  }
}
