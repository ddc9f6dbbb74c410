package dev.bizo.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** One HTTP answer, with its body parsed as JSON on demand. */
record Reply(int status, String contentType, String body, String wwwAuthenticate, String retryAfter) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Reply of(HttpResponse<String> response) {
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response.headers().firstValue("WWW-Authenticate").orElse(""),
        response.headers().firstValue("Retry-After").orElse(""));
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (" + status + " " + contentType + "): " + body, e);
    }
  }

  /** The problem {@code code}, for assertions on error replies. */
  String problemCode() {
    return json().path("code").asText();
  }

  @Override
  public String toString() {
    return status + " " + contentType + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
  }
}
