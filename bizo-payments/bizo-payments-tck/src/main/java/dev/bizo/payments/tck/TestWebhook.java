package dev.bizo.payments.tck;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook as it arrives: raw body bytes and headers.
 *
 * @param body the raw body
 * @param headers the headers, including the signature
 */
public record TestWebhook(byte[] body, Map<String, String> headers) {

  /** Copies both. */
  public TestWebhook {
    body = Objects.requireNonNull(body, "body").clone();
    headers = Map.copyOf(headers);
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TestWebhook w && Arrays.equals(body, w.body) && headers.equals(w.headers);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body) * 31 + headers.hashCode();
  }

  @Override
  public String toString() {
    return "TestWebhook[" + body.length + " bytes, headers=" + headers.keySet() + "]";
  }
}
