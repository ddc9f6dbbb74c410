package dev.bizo.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.webhooks.EndpointRegistration;
import dev.bizo.webhooks.RegisteredEndpoint;
import dev.bizo.webhooks.WebhookEndpoints;
import dev.bizo.webhooks.WebhooksPersistence;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database migrated before bizo-webhooks existed (agents' V1 created the webhook tables) keeps working once the
 * tables are that module's: the agents module accepts its V1's earlier checksum, the webhooks module's V1 finds its
 * tables there and changes nothing, and the endpoints registered before are still there.
 */
@RealServices
class WebhookTablesMoveIT {

  /** The first two lines of agents' V1 before the move. */
  private static final String HEADER_BEFORE_THE_MOVE = """
      -- bizo-agents: webhook endpoints and their deliveries (fed from core's bizo_outbox), and agent run traces.
      -- Runs after tenancy's migrations (tenant table, isolation helpers) and core's (bizo_outbox).

      """;

  /**
   * Agents' V1 as it was before the move, rebuilt from today's scripts: its header, the webhooks module's V1 without
   * the guards that make it a no-op on an existing database, and today's agents V1 after its header. That Flyway
   * records the old script's checksum for it (asserted below) shows the rebuild is the old script, and that the
   * webhooks module's tables are the very ones agents' V1 created.
   */
  private static String agentsV1BeforeTheMove() throws IOException {
    String webhooks = resource("db/migration/webhooks/V1__endpoints_deliveries_attempts.sql");
    String agents = resource("db/migration/agents/V1__webhooks_and_runs.sql");
    String webhookTables = webhooks.substring(webhooks.indexOf("-- A tenant's webhook endpoint."))
        .replace("create table if not exists ", "create table ")
        .replace("create index if not exists ", "create index ")
        .replaceAll("\\)\n  where not exists \\(select from pg_policies [^\n]*;", ");");
    return HEADER_BEFORE_THE_MOVE + webhookTables + "\n" + agents.substring(agents.indexOf("-- Agent and crew runs"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = WebhookTablesMoveIT.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void a_database_from_before_the_move_migrates_and_keeps_its_endpoints(TestDatabase db, @TempDir Path scripts)
      throws Exception {
    Files.writeString(scripts.resolve("V1__webhooks_and_runs.sql"), agentsV1BeforeTheMove());
    PersistenceModule agentsBeforeTheMove =
        new PersistenceModule("agents", "filesystem:" + scripts, "flyway_history_agents", List.of());
    MutableClock clock = MutableClock.startingAtNewYear();
    RegisteredEndpoint before;
    TenantId tenant;
    try (TenancyDatabase old = TestTenancy.start(db, WebhooksPersistence.CORE, agentsBeforeTheMove)) {
      tenant = TestTenancy.newTenant(old);
      before = webhooks(old, clock).register(Principal.of(tenant, "owner-1", Role.OWNER),
          EndpointRegistration.of(URI.create("http://127.0.0.1:9/hooks"), "lead.created"));
    }
    assertThat(history(db, "flyway_history_agents")).containsExactly("1:313951227");

    try (TenancyDatabase now = TestTenancy.start(db, AgentsPersistence.modules())) {
      assertThat(webhooks(now, clock).list(Principal.of(tenant, "owner-1", Role.OWNER)))
          .containsExactly(before.endpoint());
    }
    assertThat(history(db, "flyway_history_agents")).containsExactly("1:9797899", "2:" + checksumOfV2(db));
    assertThat(history(db, "flyway_history_webhooks")).singleElement().asString().startsWith("1:");
    // and Flyway's own check of both histories against the scripts passes
    for (PersistenceModule module : List.of(WebhooksPersistence.MODULE, AgentsPersistence.MODULE)) {
      flyway(db, module).validate();
    }
  }

  private static WebhookEndpoints webhooks(TenancyDatabase on, MutableClock clock) {
    byte[] key = new byte[32];
    TenantSecrets secrets = new TenantSecrets(on.transactions(), MasterKeyring.of(key), new AuditLog(on.transactions(), clock), clock);
    return WebhookEndpoints.builder(on.transactions(), secrets).clock(clock)
        .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1"))).build();
  }

  private static Flyway flyway(TestDatabase db, PersistenceModule module) {
    return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations(module.migrationLocation()).table(module.historyTable()).load();
  }

  private static String checksumOfV2(TestDatabase db) {
    return String.valueOf(flyway(db, AgentsPersistence.MODULE).info().current().getChecksum());
  }

  /** {@code version:checksum} of every row, in order; the baseline row has version 0 and no checksum. */
  private static List<String> history(TestDatabase db, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
        "select version, checksum from " + table + " where success and type <> 'BASELINE' order by installed_rank");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(r.getString(1) + ":" + r.getString(2));
      }
    }
    return rows;
  }
}
