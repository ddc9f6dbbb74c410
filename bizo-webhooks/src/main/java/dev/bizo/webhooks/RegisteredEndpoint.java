package dev.bizo.webhooks;

import java.util.Objects;

/**
 * The answer to a registration: the endpoint and its signing secret. This is the only time the secret is
 * handed out; show {@code secret().encoded()} to the tenant once. It is stored encrypted and cannot be
 * read back through the API.
 *
 * @param endpoint the endpoint
 * @param secret the {@code whsec_} signing secret; its {@code toString()} is masked
 */
public record RegisteredEndpoint(WebhookEndpointInfo endpoint, WebhookSecret secret) {

  /** Requires both fields. */
  public RegisteredEndpoint {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(secret, "secret");
  }
}
