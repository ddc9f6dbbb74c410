package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningServer.Extension.class)
class PlatformEndpointsIT {

  private static RunningServer server;
  private static Api api;

  @BeforeAll
  static void connect(RunningServer runningServer) {
    server = runningServer;
    api = new Api(runningServer);
  }

  @Test
  void listens_on_the_port_given_by_bizo_http_port() throws Exception {
    assertThat(api.get("/api/v1/info").status()).isEqualTo(200);
    assertThat(server.http().getPort()).isEqualTo(server.httpPort());
    assertThat(server.log()).contains("HTTP port " + server.httpPort() + " ");
  }

  @Test
  void startup_log_names_each_configuration_choice() throws Exception {
    String log = server.log();

    assertThat(log)
        .contains("Data directory ")
        .contains("bizo-it-data")
        .contains("Database: embedded PostgreSQL")
        .contains("Cache: local in-process cache")
        .contains("Master key: generated")
        .contains("NOT FOR PRODUCTION")
        .contains("Agents: offline mode")
        .contains("Persistence: modules [tenancy, core, payments, crm, webhooks, agents] migrated")
        .contains("Payments: gateways [")
        .contains("default simulator (moves no money");
  }

  @Test
  void the_embedded_default_keeps_its_cluster_and_an_owner_only_master_key_in_the_data_directory() throws Exception {
    assertThat(server.dataDir().resolve("postgres").resolve("PG_VERSION")).isRegularFile();
    Path key = server.dataDir().resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }

  @Test
  void readiness_checks_the_database_and_the_migrations() throws Exception {
    Reply reply = api.getManagement("/health/ready");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(check(reply.json(), "database").path("status").asText()).isEqualTo("UP");
    assertThat(check(reply.json(), "migrations").path("status").asText()).isEqualTo("UP");
    assertThat(check(reply.json(), "migrations").path("data").path("modules").asText()).isEqualTo("tenancy,core,payments,crm,webhooks,agents");
    assertThat(check(reply.json(), "redis").path("data").path("configured").asBoolean()).isFalse();
  }

  @Test
  void liveness_is_up_and_includes_the_process_check() throws Exception {
    Reply reply = api.getManagement("/health/live");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("UP");
    assertThat(check(reply.json(), "process").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void readiness_is_up_once_the_data_directory_is_usable() throws Exception {
    Reply reply = api.getManagement("/health/ready");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode dataDir = check(reply.json(), "data-directory");
    assertThat(dataDir.path("status").asText()).isEqualTo("UP");
    assertThat(dataDir.path("data").path("path").asText()).contains("bizo-it-data");
  }

  @Test
  void startup_check_reports_when_startup_finished() throws Exception {
    Reply reply = api.getManagement("/health/started");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode startup = check(reply.json(), "startup");
    assertThat(startup.path("status").asText()).isEqualTo("UP");
    assertThat(Instant.parse(startup.path("data").path("startedAt").asText())).isBefore(Instant.now());
  }

  @Test
  void openapi_document_lists_the_api_paths() throws Exception {
    Reply reply = api.get("/openapi?format=JSON");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode paths = reply.json().path("paths");
    assertThat(paths.has("/api/v1/info")).as(paths.toString()).isTrue();
    assertThat(paths.path("/api/v1/money/parse").has("post")).as(paths.toString()).isTrue();
    assertThat(reply.json().path("info").path("title").asText()).isEqualTo("Bizo API");
    assertThat(paths.path("/api/v1/tenants").has("post")).as(paths.toString()).isTrue();
    assertThat(reply.json().path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
    assertThat(paths.path("/api/v1/me").path("get").path("security").toString()).contains("bearer");
    assertThat(paths.path("/api/v1/auth/token").path("post").has("security")).isFalse();
    assertThat(paths.path("/api/v1/payments").has("post")).as(paths.toString()).isTrue();
    assertThat(paths.path("/api/v1/payments/{id}/refunds").has("post")).isTrue();
    assertThat(paths.path("/api/v1/webhooks/{gateway}/{tenantSlug}").path("post").has("security")).isFalse();
    assertThat(paths.path("/api/v1/leads/{id}/score").has("get")).isTrue();
    assertThat(paths.path("/api/v1/leads/import").has("post")).isTrue();
    assertThat(paths.path("/api/v1/analytics/leads").has("get")).isTrue();
    assertThat(paths.path("/api/v1/scoring/models").has("post")).isTrue();
    assertThat(paths.path("/api/v1/agents/{type}/runs").has("post")).isTrue();
    assertThat(paths.path("/api/v1/crews/{name}/runs").has("post")).isTrue();
    assertThat(paths.path("/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver").has("post")).isTrue();
    assertThat(paths.path("/api/v1/events").has("get")).isTrue();
  }

  @Test
  void the_api_docs_page_renders_the_openapi_document_without_a_cdn() throws Exception {
    Reply reply = api.get("/api-docs.html");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/html");
    assertThat(reply.body()).contains("/openapi?format=JSON").doesNotContain("<script src=\"http");
  }

  @Test
  void info_names_the_server_and_its_version() throws Exception {
    Reply reply = api.get("/api/v1/info");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json().path("name").asText()).isEqualTo("bizo-reference-server");
    assertThat(reply.json().path("version").asText()).isEqualTo(System.getProperty("bizo.version"));
    assertThat(reply.json().path("startedAt").asText()).isNotBlank();
  }

  @Test
  void prometheus_metrics_include_the_jvm_and_per_route_request_timings() throws Exception {
    api.get("/api/v1/info");
    api.get("/api/v1/info");
    TestTenant tenant = TestTenant.signup(api);
    api.postJsonAs(tenant.apiKey(), "/api/v1/payments", "{\"amount\":100,\"currency\":\"EUR\",\"paymentMethod\":\"4000000000000002\"}",
        "Idempotency-Key", java.util.UUID.randomUUID().toString());

    Reply reply = api.getManagement("/metrics");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.body()).contains("jvm_memory_used_bytes");
    assertThat(reply.body())
        .containsPattern("bizo_http_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*route=\"/info\"[^}]*status=\"200\"[^}]*\\} [1-9]")
        .containsPattern("bizo_payments_total\\{[^}]*gateway=\"simulator\"[^}]*outcome=\"DECLINED\"[^}]*\\} [1-9]")
        .contains("bizo_outbox_lag_seconds").contains("bizo_webhook_delivery_lag_seconds").contains("bizo_webhook_deliveries_due");
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode check : health.path("checks")) {
      if (name.equals(check.path("name").asText())) {
        return check;
      }
    }
    throw new AssertionError("no check named " + name + " in " + health);
  }
}
