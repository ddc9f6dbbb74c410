package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.ForcedRowLevelSecurity;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On a fresh database, {@link WebhooksPersistence#modules()} alone (no agents module) creates the webhook tables,
 * each under forced row-level security with the tenant policy, and nothing of the agents'.
 */
@RealServices
class WebhooksSchemaIT {

  @Test
  void the_module_alone_creates_its_three_tables_under_forced_row_level_security(TestDatabase db) throws Exception {
    try (TenancyDatabase database = TestTenancy.start(db, WebhooksPersistence.modules())) {
      List<String> tables = new ArrayList<>();
      try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "select t.relname || ' rls=' || t.relrowsecurity || ' forced=' || t.relforcerowsecurity"
              + " || ' isolation=' || exists (select from pg_policies p where p.tablename = t.relname"
              + "   and p.policyname = 'bizo_tenant_isolation')"
              + " from pg_class t where t.relkind = 'r' and t.relname like 'agents\\_%' order by t.relname")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }

      assertThat(tables).containsExactly(
          "agents_webhook_attempt rls=true forced=true isolation=true",
          "agents_webhook_delivery rls=true forced=true isolation=true",
          "agents_webhook_endpoint rls=true forced=true isolation=true");
    }
  }

  @Test
  void every_tenant_table_of_the_module_passes_the_kit_s_forced_row_level_security_check(TestDatabase db) {
    try (TenancyDatabase database = TestTenancy.start(db, WebhooksPersistence.modules())) {
      ForcedRowLevelSecurity.assertEveryTenantTable(db, "agents_webhook_endpoint", "agents_webhook_delivery",
          "agents_webhook_attempt", "bizo_outbox");
    }
  }
}
