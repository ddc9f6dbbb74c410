package dev.bizo.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.agents.trace.AgentRunId;
import dev.bizo.agents.trace.PostgresRunStore;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.ForcedRowLevelSecurity;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every table of the agents module is under forced row-level security, as the tenancy module requires. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentsSchemaIT {

  private TestDatabase db;
  private TenancyDatabase database;

  @BeforeAll
  void start(TestDatabase testDatabase) {
    db = testDatabase;
    database = TestTenancy.start(db, AgentsPersistence.modules());
  }

  @AfterAll
  void stop() {
    database.close();
  }

  @Test
  void every_agents_table_forces_row_level_security_with_a_policy() {
    ForcedRowLevelSecurity.assertEveryTenantTable(db, "agents_webhook_endpoint", "agents_webhook_delivery",
        "agents_webhook_attempt", "agents_run", "agents_run_step", "agents_run_tool_call", "agents_brand_note",
        "bizo_outbox");
  }

  @Test
  void another_tenant_and_a_connection_without_tenant_see_no_run_rows_and_cannot_write_them() throws Exception {
    TenantId a = TestTenancy.newTenant(database);
    TenantId b = TestTenancy.newTenant(database);
    AgentRunId id = AgentRunId.generate();
    new PostgresRunStore(database.transactions(), Clock.systemUTC()).save(new RunTrace(id, a, "campaign",
        AgentMode.OFFLINE, "offline", RunStatus.SUCCEEDED, List.of(), new TokenCount(1, 1), BigDecimal.ZERO,
        Instant.parse("2026-01-01T00:00:00Z"), Optional.of(Instant.parse("2026-01-01T00:00:01Z")), Optional.empty()));

    long seenByB = database.transactions().inTenantJdbc(b, c -> {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from agents_run")) {
        r.next();
        return r.getLong(1);
      }
    });
    assertThat(seenByB).isZero();
    try (Connection c = database.appDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from agents_run")) {
      r.next();
      assertThat(r.getLong(1)).isZero();
    }
    assertThatThrownBy(() -> database.transactions().inTenantJdbc(b, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "insert into agents_run (id, tenant_id, name, mode, model, status, tokens_in, tokens_out, estimated_cost,"
              + " started_at) values (gen_random_uuid(), ?, 'x', 'OFFLINE', 'offline', 'RUNNING', 0, 0, 0, now())")) {
        s.setObject(1, a.value());
        return s.executeUpdate();
      }
    })).isInstanceOf(dev.bizo.core.ForbiddenException.class);
  }
}
