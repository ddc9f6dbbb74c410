package dev.bizo.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered endpoint as listed to its tenant: never its secret or the static header's value.
 *
 * @param id the endpoint's id
 * @param url where events go
 * @param eventTypes the subscribed event types; empty means every type
 * @param staticHeaderName the static header's name, when one is sent
 * @param enabled whether events are delivered
 * @param disabledReason why it is disabled ({@code gone} after a 410, {@code manual}), when it is
 * @param createdAt when it was registered
 */
public record WebhookEndpointInfo(
    WebhookEndpointId id, URI url, Set<String> eventTypes, Optional<String> staticHeaderName, boolean enabled,
    Optional<String> disabledReason, Instant createdAt) {

  /** Requires every field and copies the types. */
  public WebhookEndpointInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    eventTypes = Set.copyOf(eventTypes);
    Objects.requireNonNull(staticHeaderName, "staticHeaderName");
    Objects.requireNonNull(disabledReason, "disabledReason");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
