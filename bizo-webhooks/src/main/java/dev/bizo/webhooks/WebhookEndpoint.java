package dev.bizo.webhooks;

import dev.bizo.core.ValidationException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a tenant wants events delivered.
 *
 * @param id the endpoint's id
 * @param url the http(s) URL, checked by the SSRF guard on every attempt
 * @param eventTypes event types it subscribes to; empty means all
 * @param secret the signing secret
 * @param staticHeader an extra header sent with every request (n8n header auth), if any
 * @param enabled false once a 410 Gone disabled it, or the tenant did
 */
public record WebhookEndpoint(
    String id, URI url, Set<String> eventTypes, WebhookSecret secret, Optional<StaticHeader> staticHeader,
    boolean enabled) {

  /**
   * A fixed header, e.g. {@code X-N8N-Auth: token}.
   *
   * @param name the header name (not a webhook-* or hop-by-hop header)
   * @param value the value
   */
  public record StaticHeader(String name, String value) {
    private static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
        "content-type", "content-length", "host", "connection", "upgrade", "expect");

    /** Validates the header. */
    public StaticHeader {
      if (name == null || !name.matches("[A-Za-z0-9-]+") || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw ValidationException.ofField("staticHeader.name", "webhook.header_invalid",
            "static header name must be a token and not a reserved header");
      }
      if (value == null || value.isEmpty() || value.contains("\r") || value.contains("\n")) {
        throw ValidationException.ofField("staticHeader.value", "webhook.header_invalid",
            "static header value must be one non-empty line");
      }
    }

    @Override
    public String toString() {
      return "StaticHeader[" + name + ": ***]";
    }
  }

  /** Validates the endpoint. */
  public WebhookEndpoint {
    if (id == null || id.isBlank()) {
      throw ValidationException.ofField("id", "webhook.id_blank", "endpoint id is blank");
    }
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ValidationException.ofField("url", "webhook.url_scheme", "endpoint URL must be http or https");
    }
    eventTypes = Set.copyOf(eventTypes);
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(staticHeader, "staticHeader");
  }

  /**
   * An enabled endpoint for all event types, without a static header.
   *
   * @param id the id
   * @param url the URL
   * @param secret the secret
   * @return the endpoint
   */
  public static WebhookEndpoint of(String id, URI url, WebhookSecret secret) {
    return new WebhookEndpoint(id, url, Set.of(), secret, Optional.empty(), true);
  }

  /**
   * A copy sending a static header.
   *
   * @param name header name
   * @param value header value
   * @return the copy
   */
  public WebhookEndpoint withStaticHeader(String name, String value) {
    return new WebhookEndpoint(id, url, eventTypes, secret, Optional.of(new StaticHeader(name, value)), enabled);
  }

  /**
   * A disabled copy.
   *
   * @return the copy
   */
  public WebhookEndpoint disabled() {
    return new WebhookEndpoint(id, url, eventTypes, secret, staticHeader, false);
  }

  /**
   * Whether the endpoint wants an event type.
   *
   * @param eventType the type
   * @return true when subscribed and enabled
   */
  public boolean wants(String eventType) {
    return enabled && (eventTypes.isEmpty() || eventTypes.contains(eventType));
  }
}
