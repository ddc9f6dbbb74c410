package dev.bizo.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.testing.FixtureMarketingData;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WireMock plays the OpenAI chat-completions API; LangChain4j's OpenAiChatModel talks to it over HTTP. */
class OpenAiChatCompletionsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/v1/chat/completions";

  private final TenantId tenant = TenantId.generate();
  private WireMockServer server;
  private AgentRuntime runtime;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    BizoConfig config = BizoConfig.of(Map.of(
        "bizo.llm.base-url", "http://127.0.0.1:" + server.port() + "/v1",
        "bizo.llm.api-key", "sk-test-123",
        "bizo.llm.model", "gpt-4o-mini",
        "bizo.llm.timeout", "30s",
        "bizo.llm.prices", "gpt-4o-mini=0.15/0.60"));
    runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant)).config(config).build();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static String completion(ObjectNode message, String finish, int in, int out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-" + in).put("object", "chat.completion").put("created", 1767225600)
        .put("model", "gpt-4o-mini");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0).set("message", message);
    choice.put("finish_reason", finish);
    root.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
    return root.toString();
  }

  private static ObjectNode text(String content) {
    return JSON.createObjectNode().put("role", "assistant").put("content", content);
  }

  private static ObjectNode toolCall(String id, String name, String arguments) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ObjectNode call = message.putArray("tool_calls").addObject();
    call.put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
    return message;
  }

  private void stubSequence(String... bodies) {
    String state = Scenario.STARTED;
    for (int i = 0; i < bodies.length; i++) {
      String next = "reply-" + (i + 1);
      server.stubFor(post(urlEqualTo(PATH)).inScenario("chat").whenScenarioStateIs(state).willSetStateTo(next)
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(bodies[i])));
      state = next;
    }
  }

  private List<JsonNode> requestBodies() throws Exception {
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(PATH)));
    List<LoggedRequest> ordered = requests.stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    List<JsonNode> bodies = new java.util.ArrayList<>();
    for (LoggedRequest r : ordered) {
      bodies.add(JSON.readTree(r.getBodyAsString()));
    }
    return bodies;
  }

  @Test
  void tool_call_round_trip_over_http_feeds_the_tool_result_back_and_reads_usage() throws Exception {
    String page = "<html><head><title>Acme</title></head><body><h2>Start</h2><img src=\"hero.png\"></body></html>";
    String args = JSON.createObjectNode().put("html", page).toString();
    stubSequence(
        completion(toolCall("call_abc", "analyse_seo", args), "tool_calls", 120, 30),
        completion(text("{\"fixes\":[{\"priority\":1,\"findingCode\":\"heading.h1_missing\",\"action\":\"Add an h1\"}],"
            + "\"summary\":\"One urgent fix.\"}"), "stop", 400, 60));

    AgentResult<SeoAudit> result = runtime.seoAnalyser(tenant,
        AgentTask.builder("Audit this page", DayRange.month(2026, 1)).build());

    assertThat(result.trace().failure()).isEmpty();
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.mode()).isEqualTo(AgentMode.MODEL);
    List<JsonNode> bodies = requestBodies();
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(bodies.get(0).path("tools").get(0).path("function").path("name").asText()).isEqualTo("analyse_seo");
    ArrayNode second = (ArrayNode) bodies.get(1).path("messages");
    JsonNode assistant = second.get(second.size() - 2);
    JsonNode toolResult = second.get(second.size() - 1);
    assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_abc");
    assertThat(toolResult.path("role").asText()).isEqualTo("tool");
    assertThat(toolResult.path("tool_call_id").asText()).isEqualTo("call_abc");
    assertThat(toolResult.path("content").asText()).contains("heading.h1_missing", "hero.png");
    server.verify(2, postRequestedFor(urlEqualTo(PATH))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk-test-123")));
    assertThat(result.trace().tokens()).isEqualTo(new TokenCount(520, 90));
    assertThat(result.trace().estimatedCost()).isEqualByComparingTo("0.132");
    assertThat(result.orElseThrow().analysis().imagesWithoutAlt()).containsExactly("hero.png");
  }

  @Test
  void malformed_structured_output_is_repaired_by_re_asking_with_the_parse_error() throws Exception {
    String valid = "{\"segments\":[{\"name\":\"smb-retail\",\"reason\":\"most leads\"}],"
        + "\"channels\":[{\"name\":\"email\",\"reason\":\"1200 EUR revenue\"}],"
        + "\"budget\":[{\"channel\":\"email\",\"percent\":100,\"reason\":\"only proven channel\"}],"
        + "\"summary\":\"All in on email.\"}";
    stubSequence(
        completion(text("{\"segments\": [{\"name\": \"smb-retail\", \"reason\": \"most leads\"}], \"channels\": ["),
            "length", 300, 40),
        completion(text(valid), "stop", 380, 70));

    AgentResult<StrategyPlan> result = runtime.strategist(tenant,
        AgentTask.builder("Plan the spring campaign", DayRange.month(2026, 1)).build());

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<JsonNode> bodies = requestBodies();
    assertThat(bodies).hasSize(2);
    ArrayNode second = (ArrayNode) bodies.get(1).path("messages");
    JsonNode repairRequest = second.get(second.size() - 1);
    assertThat(repairRequest.path("role").asText()).isEqualTo("user");
    assertThat(repairRequest.path("content").asText()).contains("Your reply could not be used", "not valid JSON");
    assertThat(second.get(second.size() - 2).path("content").asText()).startsWith("{\"segments\"");
    assertThat(result.orElseThrow().budget()).singleElement().extracting(StrategyPlan.BudgetShare::percent)
        .isEqualTo(100);
    assertThat(result.trace().tokens()).isEqualTo(new TokenCount(680, 110));
  }
}
