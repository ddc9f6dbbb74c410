package dev.bizo.webhooks;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a registered webhook endpoint.
 *
 * @param value the UUID
 */
public record WebhookEndpointId(UUID value) implements TypedId {

  /** Requires a value. */
  public WebhookEndpointId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A new time-ordered id.
   *
   * @return the id
   */
  public static WebhookEndpointId generate() {
    return new WebhookEndpointId(Ids.newUuid());
  }

  /**
   * Parses the text form.
   *
   * @param text a UUID
   * @return the id
   * @throws dev.bizo.core.ValidationException when the text is not a UUID
   */
  public static WebhookEndpointId parse(String text) {
    return new WebhookEndpointId(Ids.parse("endpointId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
