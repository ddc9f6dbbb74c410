package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way a request can be wrong gets the exact status, an RFC 9457 body and a stable code; never a 5xx. */
@ExtendWith(RunningServer.Extension.class)
class ProblemResponsesIT {

  private static final String PARSE = "/api/v1/money/parse";
  private static final int TEN_MIB = 10 * 1024 * 1024;

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  @Test
  void malformed_json_is_400_malformed_json() throws Exception {
    Reply reply = api.postJson(PARSE, "{\"amount\": ");

    assertProblem(reply, 400, "malformed_json");
  }

  @Test
  void text_that_is_not_json_at_all_is_400_malformed_json() throws Exception {
    Reply reply = api.postJson(PARSE, "hello");

    assertProblem(reply, 400, "malformed_json");
  }

  @Test
  void a_number_field_given_as_an_object_is_400_invalid_field_naming_the_field() throws Exception {
    Reply reply = api.postJson(PARSE, "{\"amount\": {\"value\": 1}, \"currency\": \"EUR\"}");

    assertProblem(reply, 400, "invalid_field");
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("amount");
  }

  @Test
  void a_number_field_given_as_text_that_is_no_number_is_400_invalid_field() throws Exception {
    Reply reply = api.postJson(PARSE, "{\"amount\": \"twelve\", \"currency\": \"EUR\"}");

    assertProblem(reply, 400, "invalid_field");
  }

  @Test
  void an_unknown_enum_value_is_400_invalid_field() throws Exception {
    Reply reply = api.postJson(PARSE, "{\"amount\": \"1.005\", \"currency\": \"EUR\", \"rounding\": \"SIDEWAYS\"}");

    assertProblem(reply, 400, "invalid_field");
  }

  @Test
  void a_10_mib_body_is_413_payload_too_large() throws Exception {
    Reply reply = api.post(PARSE, "application/json", BodyPublishers.ofByteArray(spaces(TEN_MIB)));

    assertProblem(reply, 413, "payload_too_large");
  }

  @Test
  void a_10_mib_body_without_content_length_is_413_payload_too_large() throws Exception {
    // An input-stream publisher has no known length, so the client sends it chunked.
    Reply reply =
        api.post(
            PARSE,
            "application/json",
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(spaces(TEN_MIB))));

    assertProblem(reply, 413, "payload_too_large");
  }

  @Test
  void a_body_just_under_the_limit_is_read() throws Exception {
    String padding = " ".repeat(1000 * 1000);
    Reply reply = api.postJson(PARSE, padding + "{\"amount\": \"1\", \"currency\": \"EUR\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  @Test
  void a_body_that_is_not_json_is_415_unsupported_media_type() throws Exception {
    Reply reply = api.post(PARSE, "text/plain", BodyPublishers.ofString("amount=1&currency=EUR"));

    assertProblem(reply, 415, "unsupported_media_type");
  }

  @Test
  void an_unknown_route_is_404_not_found() throws Exception {
    Reply reply = api.get("/api/v1/no-such-thing");

    assertProblem(reply, 404, "not_found");
    assertThat(reply.json().path("instance").asText()).isEqualTo("/api/v1/no-such-thing");
  }

  @Test
  void an_unknown_path_outside_the_api_is_404_not_found_too() throws Exception {
    Reply reply = api.get("/no-such-page");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.problemCode()).isEqualTo("not_found");
    assertThat(reply.json().path("instance").asText()).isEqualTo("/no-such-page");
  }

  @Test
  void a_wrong_method_is_405_method_not_allowed() throws Exception {
    Reply reply = api.send(Api.request(api.uri("/api/v1/info")).DELETE().build());

    assertProblem(reply, 405, "method_not_allowed");
  }

  @Test
  void a_domain_validation_failure_is_422_with_field_errors() throws Exception {
    Reply reply = api.postJson(PARSE, "{\"amount\": \"19.999\", \"currency\": \"EUR\"}");

    assertProblem(reply, 422, "validation_failed");
    JsonNode error = reply.json().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("amount");
    assertThat(error.path("code").asText()).isEqualTo("too_precise");
  }

  @Test
  void an_unknown_currency_is_422_naming_the_currency_field() throws Exception {
    Reply reply = api.postJson(PARSE, "{\"amount\": \"1\", \"currency\": \"XXZ\"}");

    assertProblem(reply, 422, "validation_failed");
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("currency");
  }

  private static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.path("code").asText()).as(reply.toString()).isEqualTo(code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).isEqualTo("urn:bizo:problem:" + code);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(problem.path("instance").asText()).startsWith("/api/v1/");
  }

  private static byte[] spaces(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    return body;
  }
}
