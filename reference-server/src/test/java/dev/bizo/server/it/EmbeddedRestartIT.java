package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The embedded default keeps its data: a second server on the same {@code BIZO_DATA_DIR} reuses the
 * PostgreSQL cluster (no second initdb) and the generated master key, so tenants, users and sessions
 * survive a restart.
 */
class EmbeddedRestartIT {

  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void a_restart_on_the_same_data_directory_keeps_tenants_users_sessions_and_agent_runs() throws Exception {
    Path dataDir = RunningServer.newDataDir();
    try {
      String refreshToken;
      String masterKey;
      String runId;
      try (RunningServer first = RunningServer.startOn(dataDir, "it-restart-first.log")) {
        Api api = new Api(first);
        Reply signup = api.postJson("/api/v1/tenants",
            "{\"tenantName\":\"Kept\",\"slug\":\"kept\",\"ownerEmail\":\"ann@kept.test\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        Reply tokens = login(api);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        refreshToken = tokens.json().path("refreshToken").asText();
        Reply run = api.postJsonAs(tokens.json().path("accessToken").asText(), "/api/v1/agents/lead-scorer/runs",
            "{\"instruction\":\"Who should sales call first?\"}");
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        runId = run.json().path("run").path("id").asText();
        assertThat(first.log()).contains("initdb completed");
        masterKey = Files.readString(dataDir.resolve("master.key"));
      }

      try (RunningServer second = RunningServer.startOn(dataDir, "it-restart-second.log")) {
        Api api = new Api(second);
        assertThat(second.log()).doesNotContain("initdb completed");
        assertThat(Files.readString(dataDir.resolve("master.key"))).isEqualTo(masterKey);

        Reply login = login(api);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        Reply refreshed = api.postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        Reply me = api.getAs(refreshed.json().path("accessToken").asText(), "/api/v1/me");
        assertThat(me.json().path("tenantSlug").asText()).isEqualTo("kept");
        Reply keptRun = api.getAs(refreshed.json().path("accessToken").asText(), "/api/v1/agent-runs/" + runId);
        assertThat(keptRun.status()).as(keptRun.toString()).isEqualTo(200);
        assertThat(keptRun.json().path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(keptRun.json().path("steps")).isNotEmpty();
      }
    } finally {
      RunningServer.deleteRecursively(dataDir);
    }
  }

  private static Reply login(Api api) throws Exception {
    return api.postJson("/api/v1/auth/token", "{\"slug\":\"kept\",\"email\":\"ann@kept.test\",\"password\":\"" + PASSWORD + "\"}");
  }
}
