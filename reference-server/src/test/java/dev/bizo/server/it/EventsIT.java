package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.Eventually;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Server-sent events of one tenant: new leads, payments and agent run progress, and nothing of other tenants. */
@ExtendWith(RunningServer.Extension.class)
class EventsIT {

  private static final java.util.List<String> CONSUMED = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static Api api;
  private static RunningServer server;

  @BeforeAll
  static void connect(RunningServer running) {
    server = running;
    api = new Api(running);
  }

  @Test
  void a_listener_gets_its_tenants_lead_payment_and_run_events_only() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant other = TestTenant.signup(api);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> stream = server.http.sendAsync(
        Api.request(api.uri("/api/v1/events")).timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + tenant.apiKey()).header("Accept", "text/event-stream").GET().build(),
        BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      await(lines, "event: ready");
      String ready = await(lines, "data:");
      assertThat(ready).contains("\"health\":\"UP\"").contains("\"name\":\"database\"")
          .contains("\"name\":\"webhook-deliveries\"").contains("\"name\":\"redis\"");

      String theirs = api.postJsonAs(other.apiKey(), "/api/v1/leads", "{\"name\":\"Not yours\",\"source\":\"EVENT\"}")
          .json().path("id").asText();
      String mine = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"Streamed Lead\",\"source\":\"EVENT\"}")
          .json().path("id").asText();
      String lead = await(lines, "\"type\":\"lead.created\",\"aggregateType\":\"lead\",\"aggregateId\":\"" + mine);
      api.postJsonAs(tenant.apiKey(), "/api/v1/payments",
          "{\"amount\":990,\"currency\":\"EUR\",\"paymentMethod\":\"4242424242424242\"}", "Idempotency-Key", java.util.UUID.randomUUID().toString());
      await(lines, "event: payment.");
      api.postJsonAs(tenant.apiKey(), "/api/v1/agents/report-generator/runs", "{\"instruction\":\"Weekly report\"}");
      String progress = await(lines, "RUN_SUCCEEDED");

      assertThat(lead).contains("lead.created");
      assertThat(progress).contains("runId");
      assertThat(String.join("\n", CONSUMED) + String.join("\n", lines)).contains(mine).doesNotContain(theirs);
    } finally {
      response.body().close();
    }
  }

  @Test
  void events_need_a_credential() throws Exception {
    Reply reply = api.get("/api/v1/events");

    TestTenant.assertProblem(reply, 401, "unauthorized");
  }

  /** The first line containing {@code text}, waiting up to 30 s; lines read on the way are consumed (and kept in {@link #CONSUMED}). */
  private static String await(BlockingQueue<String> lines, String text) throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    return Eventually.waiting(Duration.ofSeconds(30), "a line with '" + text + "'")
        .every(Duration.ZERO) // the queue's poll waits by itself
        .describingTimeout(() -> "saw:\n" + seen)
        .until(() -> {
          String line = lines.poll(500, TimeUnit.MILLISECONDS);
          if (line != null) {
            CONSUMED.add(line);
            seen.append(line).append('\n');
          }
          return line;
        }, line -> line != null && line.contains(text));
  }
}
