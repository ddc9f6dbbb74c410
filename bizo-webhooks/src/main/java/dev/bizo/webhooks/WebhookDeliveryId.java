package dev.bizo.webhooks;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one delivery of one event to one endpoint.
 *
 * @param value the UUID
 */
public record WebhookDeliveryId(UUID value) implements TypedId {

  /** Requires a value. */
  public WebhookDeliveryId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A new time-ordered id.
   *
   * @return the id
   */
  public static WebhookDeliveryId generate() {
    return new WebhookDeliveryId(Ids.newUuid());
  }

  /**
   * Parses the text form.
   *
   * @param text a UUID
   * @return the id
   * @throws dev.bizo.core.ValidationException when the text is not a UUID
   */
  public static WebhookDeliveryId parse(String text) {
    return new WebhookDeliveryId(Ids.parse("deliveryId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
