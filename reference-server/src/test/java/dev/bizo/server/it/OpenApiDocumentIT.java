package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served {@code /openapi} document is one clients can be generated from: strict validators accept it, every
 * operation has a unique operationId and documents its problem responses. The document is also written to
 * {@code bizo.openapi.document} (reference-server/target/openapi/bizo-api.json), from which the client-it module
 * generates a Java client and walks it against the server.
 */
@ExtendWith(RunningServer.Extension.class)
class OpenApiDocumentIT {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private static Reply reply;
  private static JsonNode document;

  @BeforeAll
  static void fetch(RunningServer server) throws Exception {
    reply = new Api(server).get("/openapi?format=JSON");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    document = reply.json();
    String target = System.getProperty("bizo.openapi.document");
    if (target != null) {
      Path file = Path.of(target);
      Files.createDirectories(file.getParent());
      Files.writeString(file, reply.body(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void swagger_parser_reads_the_document_without_a_single_message() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(reply.body(), null, options);

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("Bizo API");
  }

  @Test
  void the_license_and_external_docs_are_not_empty_objects() {
    JsonNode license = document.path("info").path("license");
    assertThat(license.path("name").asText()).as(license.toString()).isNotBlank();
    assertThat(license.path("identifier").asText()).as(license.toString()).isNotBlank();
    assertThat(document.path("externalDocs").path("url").asText()).isEqualTo("/api-docs.html");
    assertThat(document.path("info").path("version").asText()).isEqualTo("v1");
  }

  @Test
  void the_server_is_the_host_the_document_came_from() {
    assertThat(document.path("servers").toString()).contains("\"url\":\"/\"");
  }

  @Test
  void every_operation_has_a_unique_operation_id_named_after_what_it_does() {
    List<String> ids = new ArrayList<>();
    operations().forEach(op -> ids.add(op.operation().path("operationId").asText()));

    assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
    assertThat(ids).allMatch(id -> id.matches("[a-z][A-Za-z0-9]*"), "lowerCamelCase");
    assertThat(operationId("/api/v1/leads", "post")).isEqualTo("createLead");
    assertThat(operationId("/api/v1/leads", "get")).isEqualTo("listLeads");
    assertThat(operationId("/api/v1/leads/{id}", "get")).isEqualTo("getLead");
    assertThat(operationId("/api/v1/payments", "post")).isEqualTo("createPayment");
    assertThat(operationId("/api/v1/payments/{id}/refunds", "post")).isEqualTo("refundPayment");
    assertThat(operationId("/api/v1/api-keys/{keyId}", "delete")).isEqualTo("revokeApiKey");
    assertThat(operationId("/api/v1/me", "get")).isEqualTo("getMe");
    assertThat(operationId("/api/v1/tenants", "post")).isEqualTo("signup");
    assertThat(operationId("/api/v1/auth/token", "post")).isEqualTo("logIn");
    assertThat(operationId("/api/v1/audit-events", "get")).isEqualTo("listAuditEvents");
  }

  @Test
  void the_shared_problem_schema_has_the_rfc_9457_members_and_the_code() {
    JsonNode problem = document.path("components").path("schemas").path("Problem");

    assertThat(problem.path("properties").has("errors")).as(problem.toString()).isTrue();
    List<String> required = new ArrayList<>();
    problem.path("required").forEach(r -> required.add(r.asText()));
    assertThat(required).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "code");
  }

  @Test
  void every_operation_documents_the_problems_its_shape_can_answer() {
    List<String> missing = new ArrayList<>();
    for (DocumentedOperation op : operations()) {
      JsonNode responses = op.operation().path("responses");
      Set<String> expected = new HashSet<>();
      if (!op.operation().path("security").isEmpty()) {
        expected.addAll(List.of("401", "403", "429"));
      }
      if (op.operation().has("requestBody")) {
        expected.addAll(List.of("400", "413", "415", "422"));
      }
      if (op.path().contains("{")) {
        expected.add("404");
      }
      if (!op.method().equals("get")) {
        expected.add("409");
      }
      for (String status : expected) {
        if (!problemContent(responses.path(status))) {
          missing.add(op.method() + " " + op.path() + " " + status);
        }
      }
    }

    assertThat(missing).isEmpty();
    assertThat(problemContent(document.path("paths").path("/api/v1/auth/token").path("post").path("responses").path("401"))).isTrue();
    assertThat(document.path("components").path("responses").path("TooManyRequests").path("headers").has("Retry-After")).isTrue();
  }

  @Test
  void a_created_resource_is_documented_as_201_with_its_schema() {
    JsonNode created = document.path("paths").path("/api/v1/leads").path("post").path("responses").path("201");

    assertThat(created.path("content").path("application/json").path("schema").path("$ref").asText())
        .as(created.toString())
        .endsWith("/LeadView");
  }

  private static boolean problemContent(JsonNode response) {
    JsonNode resolved = response;
    String ref = response.path("$ref").asText();
    if (!ref.isEmpty()) {
      resolved = document.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return resolved.path("content").path("application/problem+json").path("schema").path("$ref").asText().endsWith("/Problem");
  }

  private static String operationId(String path, String method) {
    return document.path("paths").path(path).path(method).path("operationId").asText();
  }

  private record DocumentedOperation(String path, String method, JsonNode operation) {}

  private static List<DocumentedOperation> operations() {
    List<DocumentedOperation> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (METHODS.contains(method.getKey())) {
          all.add(new DocumentedOperation(path.getKey(), method.getKey(), method.getValue()));
        }
      }
    }
    assertThat(all).hasSizeGreaterThan(50);
    return all;
  }
}
