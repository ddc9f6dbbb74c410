package dev.bizo.tenancy.testkit;

import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Tenancy's own tenant tables are under forced row-level security; checked here, in the test kit's tests,
 * because bizo-tenancy builds before its test kit.
 */
@RealServices
class TenancyRowLevelSecurityIT {

  @Test
  void every_tenancy_table_with_a_tenant_column_is_under_forced_row_level_security(TestDatabase db) {
    TestTenancy.start(db).close();
    ForcedRowLevelSecurity.assertEveryTenantTable(
        db, "tenant", "tenant_user", "tenant_audit", "tenant_secret", "auth_refresh_token", "auth_api_key");
  }
}
