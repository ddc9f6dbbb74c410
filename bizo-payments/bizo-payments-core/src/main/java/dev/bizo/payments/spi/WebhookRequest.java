package dev.bizo.payments.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The input of {@link PaymentGateway#verifyAndParseWebhook}: the body exactly as received, byte for byte
 * (never a re-serialized parse), the headers, and the tenant's credentials holding the signing secret.
 */
public final class WebhookRequest {

  private final byte[] rawBody;
  private final ReceivedHeaders headers;
  private final GatewayCredentials credentials;

  private WebhookRequest(byte[] rawBody, ReceivedHeaders headers, GatewayCredentials credentials) {
    this.rawBody = rawBody.clone();
    this.headers = Objects.requireNonNull(headers, "headers");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /** A received webhook. The body is copied. */
  public static WebhookRequest of(byte[] rawBody, ReceivedHeaders headers, GatewayCredentials credentials) {
    return new WebhookRequest(Objects.requireNonNull(rawBody, "rawBody"), headers, credentials);
  }

  /** A copy of the raw body: verify signatures over these bytes. */
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /** The raw body decoded as UTF-8, for parsing after verification. */
  public String bodyAsUtf8() {
    return new String(rawBody, StandardCharsets.UTF_8);
  }

  /** The received headers. */
  public ReceivedHeaders headers() {
    return headers;
  }

  /** The tenant's credentials. */
  public GatewayCredentials credentials() {
    return credentials;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookRequest r
        && Arrays.equals(rawBody, r.rawBody)
        && headers.toString().equals(r.headers.toString())
        && credentials.equals(r.credentials);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rawBody);
  }

  @Override
  public String toString() {
    return "WebhookRequest[" + rawBody.length + " bytes, " + headers + "]";
  }
}
