package dev.bizo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.agents.AgentResult;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.PeriodReport;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.StoredLead;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.SignupResult;
import dev.bizo.tenancy.StoredCredentials;
import dev.bizo.tenancy.auth.AuthPrincipal;
import dev.bizo.tenancy.auth.LoginRequest;
import dev.bizo.tenancy.auth.TokenPair;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.webhooks.WebhooksPersistence;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Starts {@link Bizo} on the test kit's PostgreSQL with each combination of capabilities that matters, signs up a
 * tenant through the one call, and uses one service of each capability.
 */
@RealServices
class BizoIT {

  private static final String PASSWORD = "correct horse battery staple";
  private static final BizoConfig CONFIG = BizoConfig.of(Map.of("bizo.auth.issuer", "https://bizo.test"));

  private static Bizo.Builder on(TestDatabase db) {
    byte[] key = new byte[32];
    key[0] = 7;
    return Bizo.builder()
        .database(db.jdbcUrl(), DatabaseLogin.of(db.user(), db.password()), DatabaseLogin.of("bizo_platform_app", "platform-app"))
        .poolSize(3)
        .config(CONFIG)
        .masterKey(MasterKeyring.of(key));
  }

  private static TenantId signUpAndLogIn(Bizo bizo, String slug) {
    SignupResult result = bizo.signUp(SignUp.of("Tenant " + slug, slug, "owner@" + slug + ".example", PASSWORD));
    assertThat(result.tenant().slug()).isEqualTo(slug);
    StoredCredentials stored = bizo.users().credentials(result.tenant().id(), "owner@" + slug + ".example").orElseThrow();
    assertThat(stored.passwordHash()).hasValueSatisfying(hash -> assertThat(hash).startsWith("$argon2id$").doesNotContain(PASSWORD));
    TokenPair tokens = bizo.auth().login(new LoginRequest(slug, "owner@" + slug + ".example", PASSWORD, "127.0.0.1"));
    AuthPrincipal principal = bizo.auth().authenticate(tokens.access().value());
    assertThat(principal.tenant()).isEqualTo(result.tenant().id());
    return result.tenant().id();
  }

  @Test
  void tenancy_alone_migrates_only_tenancy_signs_up_and_logs_in_and_refuses_the_crm(TestDatabase db) {
    try (Bizo bizo = on(db).start()) {
      assertThat(bizo.modules()).containsExactly("tenancy");
      signUpAndLogIn(bizo, "tenancy-only");
      assertThat(bizo.has(Capability.CRM)).isFalse();
      assertThatThrownBy(bizo::leads).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("CRM was not enabled").hasMessageContaining("bizo-crm")
          .extracting(e -> ((ConfigurationException) e).code()).isEqualTo(Bizo.NOT_ENABLED);
    }
  }

  @Test
  void a_sign_up_reports_every_refused_field_at_once(TestDatabase db) {
    try (Bizo bizo = on(db).start()) {
      assertThatThrownBy(() -> bizo.signUp(SignUp.of(" ", "NO", "not-an-email", "password")))
          .isInstanceOf(ValidationException.class)
          .extracting(e -> ((ValidationException) e).fieldErrors().stream().map(f -> f.field()).toList())
          .isEqualTo(List.of("tenantName", "slug", "email", "password"));
      assertThatThrownBy(() -> bizo.signUp(SignUp.of("Acme", "acme-missing-password", "owner@acme.example", null)))
          .isInstanceOf(ValidationException.class)
          .extracting(e -> ((ValidationException) e).fieldErrors().stream().map(f -> f.field() + ":" + f.code()).toList())
          .isEqualTo(List.of("password:required"));
      signUpAndLogIn(bizo, "after-refusals");
    }
  }

  @Test
  void the_crm_scores_a_lead_of_the_signed_up_tenant(TestDatabase db) {
    try (Bizo bizo = on(db).crm().start()) {
      assertThat(bizo.modules()).containsExactly("tenancy", "core", "crm");
      TenantId tenant = signUpAndLogIn(bizo, "crm-only");
      StoredLead lead = bizo.leads().create(tenant, Lead.builder(tenant, Clock.systemUTC()).name("Ada Lovelace")
          .jobTitle("CEO").source(LeadSource.REFERRAL).build());
      assertThat(bizo.leads().get(tenant, lead.id())).isPresent();
      assertThatThrownBy(bizo::payments).isInstanceOf(ConfigurationException.class).hasMessageContaining("bizo-payments-core");
    }
  }

  @Test
  void payments_take_a_simulator_payment_and_replay_it_by_key(TestDatabase db) {
    try (Bizo bizo = on(db).payments("simulator").start()) {
      assertThat(bizo.modules()).containsExactly("tenancy", "core", "payments");
      assertThat(bizo.gateways().names()).contains("simulator");
      TenantId tenant = signUpAndLogIn(bizo, "payments-only");
      NewPayment order = NewPayment.builder(Money.of("49.90", "EUR"), PaymentMethod.token(SimulatorCards.SUCCESS)).build();
      PaymentResponse paid = bizo.payments().create(tenant, order, IdempotencyKey.of("order-1"));
      assertThat(paid.gatewayId()).isEqualTo("simulator");
      assertThat(bizo.payments().create(tenant, order, IdempotencyKey.of("order-1"))).isEqualTo(paid);
    }
  }

  @Test
  void a_further_module_migrates_after_the_capabilities_and_enables_no_service(TestDatabase db) {
    try (Bizo bizo = on(db).module(WebhooksPersistence.MODULE).crm().start()) {
      assertThat(bizo.modules()).containsExactly("tenancy", "core", "crm", "webhooks");
      assertThat(bizo.has(Capability.WEBHOOKS)).isFalse();
      assertThatThrownBy(bizo::webhooks).isInstanceOf(ConfigurationException.class).hasMessageContaining("bizo-webhooks");
    }
  }

  @Test
  void a_before_migrations_hook_connects_as_the_owner_and_its_modules_migrate_last(TestDatabase db) {
    List<String> seen = new ArrayList<>();
    BeforeMigrations hook = database -> {
      try (Connection c = database.connectAsOwner();
          ResultSet rs = c.createStatement().executeQuery("select current_user")) {
        rs.next();
        seen.add(rs.getString(1) + " on " + database.jdbcUrl() + ", embedded " + database.embedded().isPresent());
      }
      return List.of(WebhooksPersistence.MODULE);
    };
    try (Bizo bizo = on(db).crm().beforeMigrations(hook).start()) {
      assertThat(seen).containsExactly(db.user() + " on " + db.jdbcUrl() + ", embedded false");
      assertThat(bizo.modules()).containsExactly("tenancy", "core", "crm", "webhooks");
    }
  }

  @Test
  void a_hook_that_cannot_ask_the_database_fails_the_start_as_a_configuration_error(TestDatabase db) {
    BeforeMigrations failing = database -> {
      throw new SQLException("no such extension");
    };
    assertThatThrownBy(() -> on(db).beforeMigrations(failing).start()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no such extension")
        .extracting(e -> ((ConfigurationException) e).code()).isEqualTo("configuration_invalid");
  }

  @Test
  void a_default_gateway_that_is_not_installed_is_refused_at_start(TestDatabase db) {
    assertThatThrownBy(() -> on(db).payments("no-such-gateway").start()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no-such-gateway");
  }

  @Test
  void everything_together_runs_the_report_agent_over_the_crm_and_payments(TestDatabase db) {
    try (Bizo bizo = on(db).crm().payments("simulator").webhooks().agents("EUR").start()) {
      assertThat(bizo.modules()).containsExactly("tenancy", "core", "payments", "crm", "webhooks", "agents");
      TenantId tenant = signUpAndLogIn(bizo, "everything");
      bizo.leads().create(tenant, Lead.builder(tenant, Clock.systemUTC()).name("Grace Hopper").source(LeadSource.EVENT).build());
      bizo.payments().create(tenant,
          NewPayment.builder(Money.of("10.00", "EUR"), PaymentMethod.token(SimulatorCards.SUCCESS)).build(),
          IdempotencyKey.of("order-2"));
      assertThat(bizo.webhooks().list(Principal.of(tenant, "owner", Role.OWNER))).isEmpty();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      AgentResult<PeriodReport> report = bizo.agents().reportGenerator(tenant,
          AgentTask.builder("Summarise the week", new DayRange(today.minusDays(6), today)).build());
      PeriodReport.Metrics metrics = report.orElseThrow().metrics();
      assertThat(metrics.newLeads()).isEqualTo(1);
      assertThat(metrics.successfulPayments()).isEqualTo(1);
    }
  }

  @Test
  void the_agents_setup_is_asked_for_on_first_use_and_its_store_wrapper_and_listener_see_the_run(TestDatabase db) {
    AtomicInteger asked = new AtomicInteger();
    List<RunTrace> saved = new CopyOnWriteArrayList<>();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    Supplier<AgentsSetup> setup = () -> {
      asked.incrementAndGet();
      // A proxy rather than a hand-written delegate: it notes each saved trace and passes every call on.
      return AgentsSetup.defaults().withListener(events::add).withRunStore(postgres -> (RunStore) Proxy.newProxyInstance(
          RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
            if (method.getName().equals("save")) {
              saved.add((RunTrace) args[0]);
            }
            return method.invoke(postgres, args);
          }));
    };
    try (Bizo bizo = on(db).crm().payments("simulator").agents("EUR", setup).start()) {
      assertThat(asked).hasValue(0);
      TenantId tenant = signUpAndLogIn(bizo, "agents-setup");
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      AgentResult<PeriodReport> report = bizo.agents().reportGenerator(tenant,
          AgentTask.builder("Summarise the week", new DayRange(today.minusDays(6), today)).build());

      assertThat(asked).hasValue(1);
      assertThat(bizo.brandNotes()).isEmpty();
      assertThat(saved).extracting(RunTrace::id).contains(report.trace().id());
      assertThat(events).extracting(RunEvent::runId).contains(report.trace().id());
      assertThat(bizo.agentRuns().find(tenant, report.trace().id())).isPresent();
      assertThat(asked).hasValue(1);
    }
  }

  @Test
  void agents_without_the_crm_and_payments_are_refused_before_anything_starts(TestDatabase db) {
    assertThatThrownBy(() -> on(db).agents("EUR").start()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("crm()").hasMessageContaining("payments(");
  }
}
