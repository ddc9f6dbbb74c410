package dev.bizo.payments.payu.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded} bodies: PayU's API requests, and the responses and callbacks it
 * posts back. Parsing is strict: a field named twice is refused rather than resolved, so a polluted callback
 * cannot make the hash check and the event parser read different values.
 */
public final class FormBody {

  private FormBody() {}

  /** Encodes the fields in their iteration order, UTF-8. */
  public static String encode(Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach((name, value) -> body.add(
        URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return body.toString();
  }

  /**
   * The fields of a UTF-8 form body, in order.
   *
   * @return empty when a field occurs twice or the encoding is broken
   */
  public static Optional<Map<String, String>> parse(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return Optional.of(fields);
    }
    try {
      for (String pair : body.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (fields.putIfAbsent(name, value) != null) {
          return Optional.empty();
        }
      }
    } catch (IllegalArgumentException brokenPercentEncoding) {
      return Optional.empty();
    }
    return Optional.of(fields);
  }
}
