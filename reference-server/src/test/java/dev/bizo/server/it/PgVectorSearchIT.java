package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.Eventually;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * On a PostgreSQL with pgvector ({@code PGVECTOR_JDBC_URL}, a superuser's URL; skipped with the reason without
 * it), the server migrates the pgvector module, searches with the pgvector store, and a tenant's search finds
 * its own leads only.
 */
@EnabledIfEnvironmentVariable(named = "PGVECTOR_JDBC_URL", matches = ".+",
    disabledReason = "PGVECTOR_JDBC_URL is not set: the pgvector path needs a PostgreSQL with the vector extension"
        + " (../shared/tools/pgvector-postgres start prints one; .ci/run starts it)")
class PgVectorSearchIT {

  @Test
  void with_pgvector_the_server_searches_in_sql_and_a_tenant_finds_only_its_own_leads() throws Exception {
    URI uri = URI.create(System.getenv("PGVECTOR_JDBC_URL").substring("jdbc:".length()));
    Map<String, String> params = new HashMap<>();
    for (String pair : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, Math.max(eq, 0)), pair.substring(eq + 1));
    }
    String user = params.getOrDefault("user", "postgres");
    String password = params.getOrDefault("password", "");
    String base = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/";
    String name = "bizo_server_pgvector_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(base + "postgres", user, password); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
      s.execute("create database " + name);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path dataDir = RunningServer.newDataDir();
    try (RunningServer server = RunningServer.startOn(dataDir, "it-pgvector.log", Map.of(
        "BIZO_DATABASE_URL", base + name,
        "BIZO_DATABASE_USER", user,
        "BIZO_DATABASE_PASSWORD", password,
        "BIZO_DATABASE_APP_PASSWORD", "it-app-secret",
        "BIZO_MASTER_KEY", Base64.getEncoder().encodeToString(key),
        "BIZO_SEARCH_PRELOAD_DELAY", "PT0S"))) {
      Api api = new Api(server);
      TestTenant mine = TestTenant.signup(api);
      TestTenant theirs = TestTenant.signup(api);
      api.postJsonAs(mine.apiKey(), "/api/v1/leads",
          "{\"name\":\"Dr. Vet\",\"company\":\"Happy Paws Veterinary Clinic\",\"industry\":\"animal health\",\"source\":\"EVENT\"}");
      api.postJsonAs(mine.apiKey(), "/api/v1/leads",
          "{\"name\":\"Steel Co\",\"company\":\"Rolling Mills Ltd\",\"industry\":\"steel manufacturing\",\"source\":\"EVENT\"}");
      api.postJsonAs(theirs.apiKey(), "/api/v1/leads",
          "{\"name\":\"Other Vet\",\"company\":\"Pet Doctors\",\"industry\":\"animal health\",\"source\":\"EVENT\"}");

      Reply found = Eventually.until(Duration.ofSeconds(180), Duration.ofMillis(250), "both leads are found",
          () -> {
            Reply reply = api.getAs(mine.apiKey(), "/api/v1/leads/search?q=pet%20doctor%20for%20dogs%20and%20cats&k=5");
            assertThat(reply.status()).as("only 200, or 503 while the model loads: " + reply).isIn(200, 503);
            return reply;
          },
          reply -> reply.status() == 200 && reply.json().size() == 2);
      assertThat(found.status()).as(found + "\n" + server.logTail()).isEqualTo(200);
      assertThat(found.json()).as("the other tenant's vet is never among mine").hasSize(2);
      assertThat(found.json().get(0).path("lead").path("name").asText()).isEqualTo("Dr. Vet");
      assertThat(server.log()).contains("Semantic search: pgvector").contains("pgvector store");

      try (Connection c = DriverManager.getConnection(base + name, user, password); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) filter (where embedding is not null), count(*) from crm_lead_embedding")) {
        rs.next();
        assertThat(rs.getLong(1)).as("vectors in the pgvector column").isEqualTo(rs.getLong(2)).isPositive();
      }
    } finally {
      RunningServer.deleteRecursively(dataDir);
      try (Connection c = DriverManager.getConnection(base + "postgres", user, password); Statement s = c.createStatement()) {
        s.execute("drop database if exists " + name + " with (force)");
      }
    }
  }
}
