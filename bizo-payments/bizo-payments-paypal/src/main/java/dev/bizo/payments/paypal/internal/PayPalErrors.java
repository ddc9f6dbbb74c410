package dev.bizo.payments.paypal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paypal.sdk.exceptions.ApiException;
import dev.bizo.payments.spi.GatewayResult;
import io.apimatic.coreinterfaces.http.Context;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads PayPal's error answers: 409 (a request with the same key still in progress) and 5xx are UNKNOWN, other
 * 4xx are DECLINED with PayPal's most specific issue code, and every message keeps PayPal's {@code debug_id}.
 */
public final class PayPalErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PayPalErrors() {}

  /** The result of an error answer (not 401, which the caller handles as a refused token). */
  public static GatewayResult apiError(String knownReference, ApiException e) {
    int status = e.getResponseCode();
    if (status == 409) {
      return GatewayResult.unknown(knownReference, "PayPal is still processing a request with this key (HTTP 409)");
    }
    JsonNode error = errorBody(e);
    if (status >= 400 && status < 500) {
      return GatewayResult.declined(knownReference, errorCode(error, status), errorMessage(error, status) + debugId(error));
    }
    String name = text(error, "name").map(n -> " " + n).orElse("");
    return GatewayResult.unknown(knownReference, "PayPal answered HTTP " + status + name + debugId(error));
  }

  /** PayPal's error envelope ({@code name}, {@code message}, {@code details}, {@code debug_id}), or an empty node. */
  private static JsonNode errorBody(ApiException e) {
    try {
      Context context = e.getHttpContext();
      String body = context == null || context.getResponse() == null ? null : context.getResponse().getBody();
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException | RuntimeException unreadable) {
      return JSON.createObjectNode();
    }
  }

  /** PayPal's most specific code: the first {@code details[].issue}, else the error {@code name}. */
  private static String errorCode(JsonNode error, int status) {
    for (JsonNode detail : error.path("details")) {
      Optional<String> issue = text(detail, "issue");
      if (issue.isPresent()) {
        return issue.get();
      }
    }
    return text(error, "name").orElse("HTTP_" + status);
  }

  private static String errorMessage(JsonNode error, int status) {
    return text(error.path("details").path(0), "description")
        .or(() -> text(error, "message"))
        .orElse("PayPal refused the request (HTTP " + status + ")");
  }

  /** PayPal's {@code debug_id}, which its support asks for, as a suffix for messages. */
  private static String debugId(JsonNode error) {
    return text(error, "debug_id").map(id -> " (debug_id " + id + ")").orElse("");
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }
}
