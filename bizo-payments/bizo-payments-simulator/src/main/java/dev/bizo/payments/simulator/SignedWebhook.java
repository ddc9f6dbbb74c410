package dev.bizo.payments.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook the simulator sends: the exact body bytes and headers to POST to
 * {@code /webhooks/simulator}.
 *
 * @param body the raw body
 * @param headers the headers, including {@value SimulatorGateway#SIGNATURE_HEADER}
 */
public record SignedWebhook(byte[] body, Map<String, String> headers) {

  /** Copies both. */
  public SignedWebhook {
    body = Objects.requireNonNull(body, "body").clone();
    headers = Map.copyOf(headers);
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as text. */
  public String bodyAsUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedWebhook w && java.util.Arrays.equals(body, w.body) && headers.equals(w.headers);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(body) * 31 + headers.hashCode();
  }

  @Override
  public String toString() {
    return "SignedWebhook[" + bodyAsUtf8() + "]";
  }
}
