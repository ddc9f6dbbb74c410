package dev.bizo.payments.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one recorded request carries the idempotency key: a header (Stripe {@code Idempotency-Key}), a field of
 * a JSON body (Razorpay's order {@code receipt}) or of a form body (PayU's {@code txnid} or refund {@code var2}).
 * Returned per request by {@link PaymentGatewayContractTest#idempotencyKeyLocation(LoggedRequest)}; what is
 * read there is compared with {@link PaymentGatewayContractTest#forwardedKey}.
 *
 * <pre>{@code
 * protected Optional<IdempotencyKeyLocation> idempotencyKeyLocation(LoggedRequest request) {
 *   String command = IdempotencyKeyLocation.formField("command").read(request);
 *   if (command.equals("cancel_refund_transaction")) return Optional.of(IdempotencyKeyLocation.formField("var2"));
 *   return Optional.of(IdempotencyKeyLocation.formField("var1"));
 * }
 * }</pre>
 */
public final class IdempotencyKeyLocation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private enum Kind { HEADER, JSON_FIELD, FORM_FIELD }

  private final Kind kind;
  private final String name;

  private IdempotencyKeyLocation(Kind kind, String name) {
    this.kind = kind;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The key is the value of this HTTP header. */
  public static IdempotencyKeyLocation header(String name) {
    return new IdempotencyKeyLocation(Kind.HEADER, name);
  }

  /** The key is this top-level field of a JSON body. */
  public static IdempotencyKeyLocation jsonField(String name) {
    return new IdempotencyKeyLocation(Kind.JSON_FIELD, name);
  }

  /** The key is this field of an {@code application/x-www-form-urlencoded} body. */
  public static IdempotencyKeyLocation formField(String name) {
    return new IdempotencyKeyLocation(Kind.FORM_FIELD, name);
  }

  /** The key the request carries here, or {@code ""} when it carries none. */
  public String read(LoggedRequest request) {
    return switch (kind) {
      case HEADER -> request.containsHeader(name) ? request.getHeader(name) : "";
      case JSON_FIELD -> {
        try {
          JsonNode body = JSON.readTree(request.getBodyAsString());
          yield body == null ? "" : body.path(name).asText("");
        } catch (IOException notJson) {
          // A body that is not JSON has no JSON field: the request carried no key here, which the TCK reports.
          yield "";
        }
      }
      case FORM_FIELD -> formField(request.getBodyAsString(), name).orElse("");
    };
  }

  private static Optional<String> formField(String body, String field) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(field)) {
        return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " " + name;
  }
}
