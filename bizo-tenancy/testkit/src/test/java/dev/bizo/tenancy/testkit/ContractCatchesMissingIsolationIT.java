package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Proves the contract has teeth: a table that forgot row-level security fails it, in both of its forms. */
@RealServices
class ContractCatchesMissingIsolationIT {

  private static final List<String> DATABASE_LEVEL_CHECKS =
      List.of(
          "native_queries_do_not_return_another_tenants_rows",
          "raw_jdbc_as_the_app_role_does_not_return_another_tenants_rows",
          "without_a_tenant_no_rows_are_visible",
          "inserting_a_row_for_another_tenant_is_refused",
          "moving_a_row_to_another_tenant_is_refused",
          "updating_or_deleting_another_tenants_rows_touches_nothing");

  @Test
  void a_table_without_row_level_security_fails_the_database_level_checks() {
    Outcome outcome = launch(LeakyNoteIsolationCheck.class);
    assertThat(outcome.failed).containsAll(DATABASE_LEVEL_CHECKS);
    assertThat(outcome.passed).contains("a_tenant_sees_its_own_row", "no_pooled_connection_keeps_a_tenant_after_work");
  }

  @Test
  void a_table_without_row_level_security_fails_the_jdbc_form_including_its_lookups_and_counts() {
    Outcome outcome = launch(LeakyNoteJdbcIsolationCheck.class);
    assertThat(outcome.failed)
        .containsAll(DATABASE_LEVEL_CHECKS)
        .contains("find_does_not_return_another_tenants_row", "hibernate_queries_do_not_return_another_tenants_rows");
    assertThat(outcome.passed).contains("a_tenant_sees_its_own_row", "no_pooled_connection_keeps_a_tenant_after_work");
  }

  @Test
  void a_table_without_row_level_security_fails_the_forced_row_level_security_check(TestDatabase db) {
    TestTenancy.start(db, PersistenceModule.of("leaky")).close();
    assertThatThrownBy(() -> ForcedRowLevelSecurity.assertEveryTenantTable(db, "tenant"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leaky_note lacks row-level security, forced row-level security, a policy");
  }

  private record Outcome(Set<String> failed, Set<String> passed) {}

  private static Outcome launch(Class<?> check) {
    Set<String> failed = new TreeSet<>();
    Set<String> passed = new TreeSet<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(check)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
              return;
            }
            String name = id.getDisplayName().replace("()", "");
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
              passed.add(name);
            } else {
              failed.add(name);
            }
          }
        });
    return new Outcome(failed, passed);
  }
}
