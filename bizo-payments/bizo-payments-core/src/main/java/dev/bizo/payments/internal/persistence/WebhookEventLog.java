package dev.bizo.payments.internal.persistence;

import dev.bizo.core.TenantId;
import dev.bizo.payments.WebhookOutcome;
import dev.bizo.payments.spi.WebhookEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The {@code payment_webhook_event} table: one row per gateway event id, so a webhook delivered twice is applied
 * once, with the outcome of its handling.
 */
public final class WebhookEventLog {

  /**
   * Stores a verified event as received, unless its id is stored already.
   *
   * @return whether it was new; {@code false} for a repeat delivery
   */
  public boolean recordReceived(Connection c, TenantId tenant, String gatewayId, WebhookEvent event, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into payment_webhook_event (tenant_id, gateway_id, event_id, event_type, gateway_reference,"
            + " outcome, received_at) values (?, ?, ?, ?, ?, 'RECEIVED', ?)"
            + " on conflict (tenant_id, gateway_id, event_id) do nothing")) {
      s.setObject(1, tenant.value());
      s.setString(2, gatewayId);
      s.setString(3, event.eventId());
      s.setString(4, event.gatewayEventType());
      s.setString(5, event.gatewayReference().orElse(null));
      s.setTimestamp(6, Timestamp.from(at));
      return s.executeUpdate() != 0;
    }
  }

  /** Stores what handling the event came to. */
  public void recordOutcome(Connection c, String gatewayId, String eventId, WebhookOutcome outcome)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "update payment_webhook_event set outcome = ? where gateway_id = ? and event_id = ?")) {
      s.setString(1, outcome.name());
      s.setString(2, gatewayId);
      s.setString(3, eventId);
      s.executeUpdate();
    }
  }
}
