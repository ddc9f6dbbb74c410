package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The check that every tenant table of a migrated database is under forced row-level security. A tenant table
 * is any table of the {@code public} schema with a {@code tenant_id} column; each must have row-level security
 * enabled, forced (so that even the table's owner is filtered) and at least one policy. Run it once per module,
 * after migrating the module into a {@link TestDatabase}, naming the tables the module is known to have, so that
 * a check over a database that lacks them fails instead of passing vacuously:
 *
 * <pre>{@code
 * @Test
 * void every_crm_table_is_under_forced_row_level_security(TestDatabase db) {
 *   ForcedRowLevelSecurity.assertEveryTenantTable(db, "crm_lead", "crm_activity");
 * }
 * }</pre>
 */
public final class ForcedRowLevelSecurity {

  private static final String TENANT_TABLES =
      "select c.relname, c.relrowsecurity, c.relforcerowsecurity,"
          + " (select count(*) from pg_policy p where p.polrelid = c.oid)"
          + " from pg_class c"
          + " join pg_namespace n on n.oid = c.relnamespace"
          + " join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped"
          + " where c.relkind in ('r', 'p') and n.nspname = 'public'"
          + " order by c.relname";

  private ForcedRowLevelSecurity() {}

  /**
   * Asserts that every tenant table in {@code db} has row-level security enabled, forced and with a policy, and
   * that {@code expectedTables} are among the tenant tables.
   *
   * @param db the database, already migrated with the modules under test
   * @param expectedTables tables the modules under test create with a {@code tenant_id} column
   * @return the tenant tables found, in name order
   */
  public static List<String> assertEveryTenantTable(TestDatabase db, String... expectedTables) {
    List<String> tables = new ArrayList<>();
    List<String> unprotected = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TENANT_TABLES)) {
      while (rs.next()) {
        String table = rs.getString(1);
        tables.add(table);
        List<String> missing = new ArrayList<>();
        if (!rs.getBoolean(2)) {
          missing.add("row-level security");
        }
        if (!rs.getBoolean(3)) {
          missing.add("forced row-level security");
        }
        if (rs.getLong(4) == 0) {
          missing.add("a policy");
        }
        if (!missing.isEmpty()) {
          unprotected.add(table + " lacks " + String.join(", ", missing));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the tables of " + db.name() + ": " + e.getMessage(), e);
    }
    assertThat(tables).as("tenant tables (with a tenant_id column) of " + db.name()).contains(expectedTables);
    assertThat(unprotected).as("tenant tables not under forced row-level security with a policy").isEmpty();
    return List.copyOf(tables);
  }
}
