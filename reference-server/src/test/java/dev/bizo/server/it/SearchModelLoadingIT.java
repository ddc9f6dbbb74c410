package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The search model loads off the path to ready: the server is ready with the model not even started, a
 * search meanwhile is answered 503 {@code search.model_loading} with {@code Retry-After}, and searches
 * succeed once it has loaded. A server of its own, with the background preload pushed out of the way, so
 * the first search is what starts the load.
 */
class SearchModelLoadingIT {

  @Test
  void ready_without_the_model_a_search_meanwhile_is_503_and_later_searches_find_the_lead() throws Exception {
    Path dataDir = RunningServer.newDataDir();
    try (RunningServer server = RunningServer.startOn(dataDir, "it-search-model.log", Map.of("BIZO_SEARCH_PRELOAD_DELAY", "PT1H"))) {
      Api api = new Api(server);
      Reply ready = api.getManagement("/health/ready");
      assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
      JsonNode searchModel = check(ready.json(), "search-model");
      assertThat(searchModel.path("status").asText()).isEqualTo("UP");
      assertThat(searchModel.path("data").path("state").asText()).as("ready, and the model not loading yet").isEqualTo("NOT_STARTED");

      TestTenant tenant = TestTenant.signup(api);
      Reply first = api.getAs(tenant.apiKey(), "/api/v1/leads/search?q=pet%20doctor&k=2");
      assertProblem(first, 503, "search.model_loading");
      assertThat(Long.parseLong(first.retryAfter())).as("Retry-After in seconds").isPositive();

      api.postJsonAs(tenant.apiKey(), "/api/v1/leads",
          "{\"name\":\"Dr. Vet\",\"company\":\"Happy Paws Veterinary Clinic\",\"industry\":\"animal health\",\"source\":\"EVENT\"}");
      api.postJsonAs(tenant.apiKey(), "/api/v1/leads",
          "{\"name\":\"Steel Co\",\"company\":\"Rolling Mills Ltd\",\"industry\":\"steel manufacturing\",\"source\":\"EVENT\"}");
      Reply found = Eventually.until(Duration.ofSeconds(180), Duration.ofMillis(250), "both leads are found",
          () -> {
            Reply reply = api.getAs(tenant.apiKey(), "/api/v1/leads/search?q=pet%20doctor%20for%20dogs%20and%20cats&k=2");
            assertThat(reply.status()).as("only 200, or 503 while loading: " + reply).isIn(200, 503);
            return reply;
          },
          reply -> reply.status() == 200 && reply.json().size() == 2);
      assertThat(found.status()).as(found + "\n" + server.logTail()).isEqualTo(200);
      assertThat(found.json()).hasSize(2);
      assertThat(found.json().get(0).path("lead").path("name").asText()).isEqualTo("Dr. Vet");
      JsonNode afterwards = check(api.getManagement("/health/ready").json(), "search-model");
      assertThat(afterwards.path("data").path("state").asText()).isEqualTo("READY");
      assertThat(server.log()).contains("loaded in the background");
      assertThat(server.log()).as("the embedded default has no pgvector: the in-process HNSW store ranks")
          .contains("Semantic search: no pgvector").contains("hnsw store");
    } finally {
      RunningServer.deleteRecursively(dataDir);
    }
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode check : health.path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + health);
  }
}
