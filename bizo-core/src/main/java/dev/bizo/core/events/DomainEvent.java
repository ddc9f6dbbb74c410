package dev.bizo.core.events;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Something that happened to a tenant's data, written to the {@link Outbox} in the same transaction
 * as the change itself, so automation (outbound webhooks, live updates) sees it if and only if the
 * change committed.
 *
 * <pre>{@code
 * DomainEvent event = DomainEvent.builder(tenant, "lead.created", clock)
 *     .aggregate("lead", lead.id().toString())
 *     .payload("{\"leadId\":\"...\"}")
 *     .build();
 * }</pre>
 *
 * @param id unique event id (UUIDv7), also the Standard Webhooks {@code webhook-id}
 * @param tenant the tenant the event belongs to
 * @param type a stable dotted type such as {@code payment.succeeded}
 * @param aggregateType the kind of thing that changed, e.g. {@code payment}
 * @param aggregateId its id
 * @param payload a JSON object describing the change
 * @param occurredAt when the change happened
 */
public record DomainEvent(
    UUID id, TenantId tenant, String type, String aggregateType, String aggregateId, String payload, Instant occurredAt) {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  public DomainEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (!isWellFormedType(type)) {
      throw new IllegalArgumentException("Event types are dotted lower-case words, e.g. lead.created: " + type);
    }
    String trimmed = payload.trim();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      throw new IllegalArgumentException("Event payload must be a JSON object");
    }
  }

  /**
   * Whether {@code type} is a well-formed event type: two or more dotted lower-case words, e.g.
   * {@code lead.created}. Anything that names event types (subscriptions, filters) checks with this.
   */
  public static boolean isWellFormedType(String type) {
    return type != null && TYPE.matcher(type).matches();
  }

  /** Starts an event of {@code type} for {@code tenant}, stamped with a new id and the clock's time. */
  public static Builder builder(TenantId tenant, String type, Clock clock) {
    return new Builder(tenant, type, clock);
  }

  /** Builds a {@link DomainEvent}. */
  public static final class Builder {
    private final TenantId tenant;
    private final String type;
    private final Instant occurredAt;
    private UUID id = Ids.newUuid();
    private String aggregateType;
    private String aggregateId;
    private String payload = "{}";

    private Builder(TenantId tenant, String type, Clock clock) {
      this.tenant = tenant;
      this.type = type;
      this.occurredAt = Objects.requireNonNull(clock, "clock").instant();
    }

    /** Overrides the generated id, e.g. to make an event deterministic. */
    public Builder id(UUID value) {
      this.id = value;
      return this;
    }

    /** What changed: its kind and id. */
    public Builder aggregate(String type, String id) {
      this.aggregateType = type;
      this.aggregateId = id;
      return this;
    }

    /** The JSON object body. */
    public Builder payload(String json) {
      this.payload = json;
      return this;
    }

    public DomainEvent build() {
      return new DomainEvent(id, tenant, type, aggregateType, aggregateId, payload, occurredAt);
    }
  }
}
