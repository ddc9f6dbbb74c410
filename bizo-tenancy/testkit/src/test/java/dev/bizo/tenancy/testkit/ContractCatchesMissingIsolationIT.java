package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Proves the contract has teeth: a table that forgot row-level security fails it. */
class ContractCatchesMissingIsolationIT {

  @Test
  void a_table_without_row_level_security_fails_the_database_level_checks() {
    Set<String> failed = new TreeSet<>();
    Set<String> passed = new TreeSet<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LeakyNoteIsolationCheck.class)).build(),
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
    assertThat(failed)
        .contains(
            "native_queries_do_not_return_another_tenants_rows",
            "raw_jdbc_as_the_app_role_does_not_return_another_tenants_rows",
            "without_a_tenant_no_rows_are_visible",
            "inserting_a_row_for_another_tenant_is_refused",
            "moving_a_row_to_another_tenant_is_refused",
            "updating_or_deleting_another_tenants_rows_touches_nothing");
    assertThat(passed).contains("a_tenant_sees_its_own_row", "no_pooled_connection_keeps_a_tenant_after_work");
  }
}
