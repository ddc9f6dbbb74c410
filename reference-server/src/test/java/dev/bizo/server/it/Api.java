package dev.bizo.server.it;

import dev.bizo.testkit.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** Thin java.net.http calls against the running server. */
final class Api {

  private final RunningServer server;

  Api(RunningServer server) {
    this.server = server;
  }

  URI uri(String path) {
    return server.http().resolve(path);
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(request(server.http().resolve(path)).GET().build());
  }

  Reply getManagement(String path) throws IOException, InterruptedException {
    return send(request(server.management().resolve(path)).GET().build());
  }

  Reply postJson(String path, String json) throws IOException, InterruptedException {
    return post(path, "application/json", BodyPublishers.ofString(json));
  }

  Reply post(String path, String contentType, BodyPublisher body) throws IOException, InterruptedException {
    return send(request(server.http().resolve(path)).header("Content-Type", contentType).POST(body).build());
  }

  Reply getAs(String bearer, String path) throws IOException, InterruptedException {
    return send(request(server.http().resolve(path)).header("Authorization", "Bearer " + bearer).GET().build());
  }

  Reply postJsonAs(String bearer, String path, String json) throws IOException, InterruptedException {
    return send(request(server.http().resolve(path))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json))
        .build());
  }

  /** A JSON POST with extra headers, given as name/value pairs (e.g. {@code Idempotency-Key}). */
  Reply postJsonAs(String bearer, String path, String json, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(server.http().resolve(path))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  Reply putJsonAs(String bearer, String path, String json) throws IOException, InterruptedException {
    return send(request(server.http().resolve(path))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .PUT(BodyPublishers.ofString(json))
        .build());
  }

  Reply patchJsonAs(String bearer, String path, String json) throws IOException, InterruptedException {
    return send(request(server.http().resolve(path))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .method("PATCH", BodyPublishers.ofString(json))
        .build());
  }

  Reply deleteAs(String bearer, String path) throws IOException, InterruptedException {
    return send(request(server.http().resolve(path)).header("Authorization", "Bearer " + bearer).DELETE().build());
  }

  Reply send(HttpRequest request) throws IOException, InterruptedException {
    return Reply.of(server.http.send(request, BodyHandlers.ofString()));
  }

  /**
   * Waits until the server's search model has loaded ({@code search-model} READY in {@code /health/ready});
   * it loads after ready, in the background. Fails at once if the load failed.
   */
  void awaitSearchModel() throws IOException, InterruptedException {
    try {
      Eventually.until(Duration.ofMinutes(5), Duration.ofMillis(250), "the search model loads", () -> {
        String state = "";
        for (JsonNode check : getManagement("/health/ready").json().path("checks")) {
          if (check.path("name").asText().equals("search-model")) {
            state = check.path("data").path("state").asText();
          }
        }
        if (state.equals("FAILED")) {
          throw new AssertionError("the search model failed to load:\n" + server.logTail());
        }
        return state;
      }, "READY"::equals);
    } catch (AssertionError | IOException | InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
  }
}
