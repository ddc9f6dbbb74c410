package dev.bizo.webhooks.tck;

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

/** Proves the transport contract has teeth: a transport that throws when no answer comes fails it. */
class ContractCatchesBrokenTransportsTest {

  @Test
  void a_transport_that_throws_instead_of_reporting_an_error_fails_the_error_checks_only() {
    Set<String> failed = new TreeSet<>();
    Set<String> passed = new TreeSet<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ThrowingTransportCheck.class)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
              (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed)
                  .add(id.getDisplayName().replace("()", ""));
            }
          }
        });

    assertThat(failed).containsExactly(
        "a_refused_connection_is_an_error_not_an_exception",
        "no_answer_within_the_timeout_is_an_error_not_an_exception");
    assertThat(passed).containsExactly(
        "every_attempt_carries_the_message_id_and_its_own_signed_time",
        "posts_the_body_as_json_with_standard_webhooks_headers_that_verify",
        "returns_whatever_status_the_receiver_answers_with_one_request_each",
        "sends_the_static_header_as_it_is");
  }
}
