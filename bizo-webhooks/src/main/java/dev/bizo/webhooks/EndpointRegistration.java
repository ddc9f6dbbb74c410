package dev.bizo.webhooks;

import dev.bizo.core.ValidationException;
import dev.bizo.core.events.DomainEvent;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a tenant asks for when registering a webhook endpoint.
 *
 * <pre>{@code
 * EndpointRegistration.of(URI.create("https://n8n.example.com/webhook/bizo"), "lead.created", "payment.succeeded")
 *     .withStaticHeader("X-N8N-Auth", token);
 * }</pre>
 *
 * @param url the http(s) URL; checked by the SSRF guard at registration and before every attempt
 * @param eventTypes the event types to receive (e.g. {@code lead.created}); empty means every type
 * @param staticHeader a fixed header sent with every request (n8n header auth); its value is stored encrypted
 */
public record EndpointRegistration(URI url, Set<String> eventTypes, Optional<WebhookEndpoint.StaticHeader> staticHeader) {
  /** Validates the URL's scheme and the event type names. */
  public EndpointRegistration {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw ValidationException.ofField("url", "webhook.url_scheme", "endpoint URL must be an absolute http(s) URL");
    }
    eventTypes = Set.copyOf(eventTypes);
    for (String type : eventTypes) {
      if (!DomainEvent.isWellFormedType(type)) {
        throw ValidationException.ofField("eventTypes", "webhook.event_type_invalid",
            "event types are dotted lower-case words, e.g. lead.created: " + type);
      }
    }
    Objects.requireNonNull(staticHeader, "staticHeader");
  }

  /**
   * A registration without a static header.
   *
   * @param url the URL
   * @param eventTypes the event types; none means every type
   * @return the registration
   */
  public static EndpointRegistration of(URI url, String... eventTypes) {
    return new EndpointRegistration(url, Set.copyOf(Arrays.asList(eventTypes)), Optional.empty());
  }

  /**
   * A copy that sends a static header.
   *
   * @param name the header name, not a {@code webhook-*} or hop-by-hop header
   * @param value the value
   * @return the copy
   */
  public EndpointRegistration withStaticHeader(String name, String value) {
    return new EndpointRegistration(url, eventTypes, Optional.of(new WebhookEndpoint.StaticHeader(name, value)));
  }
}
