package dev.bizo.payments.internal.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.Money;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.RequestFingerprint;
import dev.bizo.payments.TransactionId;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code payment_idempotency} table: the first request with a key inserts its row (the primary key on
 * tenant and key makes that atomic), does its work, and stores the response or failure every repeat replays.
 */
public final class IdempotencyRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The code of a key reused with other parameters. */
  public static final String KEY_REUSED = "idempotency.key_reused";

  /** What a stored record says. */
  public sealed interface Stored permits InProgress, Answered, Failed {}

  /** The first request is still working. */
  public record InProgress() implements Stored {}

  /** The first request answered this. */
  public record Answered(PaymentResponse response) implements Stored {}

  /** The first request failed with this, replayed as the same exception type, code and message. */
  public record Failed(String kind, String code, String message) implements Stored {

    /** The exception to throw again. */
    public NonRetriableException toException() {
      switch (kind) {
        case "validation":
          return new ValidationException(code, message, List.of());
        case "not_found":
          return new NotFoundException(code, message);
        case "unsupported":
          return new UnsupportedFeatureException(code, message);
        case "forbidden":
          return new ForbiddenException(code, message);
        case "configuration":
          return new ConfigurationException(code, message);
        default:
          return new ConflictException(code, message);
      }
    }

    /** The stored form of a failure. */
    public static Failed of(NonRetriableException e) {
      String kind = e instanceof ValidationException ? "validation"
          : e instanceof NotFoundException ? "not_found"
          : e instanceof UnsupportedFeatureException ? "unsupported"
          : e instanceof ForbiddenException ? "forbidden"
          : e instanceof ConfigurationException ? "configuration"
          : "conflict";
      return new Failed(kind, e.code(), e.getMessage());
    }
  }

  /**
   * Inserts the record for a first request, or returns the stored one.
   *
   * @return empty when this call inserted the record and owns the request
   * @throws ConflictException {@value #KEY_REUSED} when the key was used with other parameters
   */
  public Optional<Stored> claim(Connection c, IdempotencyKey key, RequestFingerprint fingerprint, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into payment_idempotency (tenant_id, idempotency_key, fingerprint, state, created_at)"
            + " values (nullif(current_setting('bizo.tenant_id', true), '')::uuid, ?, ?, 'IN_PROGRESS', ?)"
            + " on conflict (tenant_id, idempotency_key) do nothing")) {
      s.setString(1, key.value());
      s.setString(2, fingerprint.value());
      s.setTimestamp(3, Timestamp.from(now));
      if (s.executeUpdate() == 1) {
        return Optional.empty();
      }
    }
    return Optional.of(find(c, key, fingerprint).orElseThrow(
        () -> new IllegalStateException("idempotency record " + key + " vanished while claiming it")));
  }

  /**
   * The claim of a first request as a part of a {@link WriteStatement}: it writes the key's row (one row
   * returned) unless the key already has one (no row); gate the request's own writes on it and, when it wrote
   * nothing, {@link #find} the stored record. Why: the claim and the first writes then cost one round trip.
   */
  public WriteStatement.Part claimPart(IdempotencyKey key, RequestFingerprint fingerprint, Instant now) {
    return new WriteStatement.Part(
        "insert into payment_idempotency (tenant_id, idempotency_key, fingerprint, state, created_at)"
            + " values (nullif(current_setting('bizo.tenant_id', true), '')::uuid, ?, ?, 'IN_PROGRESS', ?::timestamptz)"
            + " on conflict (tenant_id, idempotency_key) do nothing returning 1",
        (s, at) -> {
          s.setString(at, key.value());
          s.setString(at + 1, fingerprint.value());
          s.setTimestamp(at + 2, Timestamp.from(now));
          return at + 3;
        });
  }

  /**
   * Stores the response of the request owning {@code key}, as a part of a {@link WriteStatement}, written only if the payment's row was
   * ({@link WriteStatement#CHANGED}), so the answer is stored in the same round trip as the change it reports.
   * The key is looked up by the full primary key (the tenant's setting included), a plan that does not depend
   * on statistics.
   */
  public WriteStatement.Part completePart(IdempotencyKey key, PaymentResponse response, Instant now) {
    String json = encode(response);
    return new WriteStatement.Part(
        "update payment_idempotency set state = 'COMPLETED', payment_id = ?::uuid, response = cast(? as jsonb),"
            + " completed_at = ?::timestamptz"
            + " where tenant_id = nullif(current_setting('bizo.tenant_id', true), '')::uuid and idempotency_key = ?"
            + " and state = 'IN_PROGRESS' and exists (select 1 from " + WriteStatement.CHANGED + ")",
        (s, at) -> {
          s.setObject(at, response.paymentId().value());
          s.setString(at + 1, json);
          s.setTimestamp(at + 2, Timestamp.from(now));
          s.setString(at + 3, key.value());
          return at + 4;
        });
  }

  /**
   * The stored record of {@code key}.
   *
   * @throws ConflictException {@value #KEY_REUSED} when it was stored for other parameters
   */
  public Optional<Stored> find(Connection c, IdempotencyKey key, RequestFingerprint fingerprint) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select fingerprint, state, response::text, error_kind, error_code, error_message"
            + " from payment_idempotency where idempotency_key = ?")) {
      s.setString(1, key.value());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!rs.getString(1).equals(fingerprint.value())) {
          throw new ConflictException(
              KEY_REUSED, "Idempotency key '" + key + "' was already used with different parameters");
        }
        if (rs.getString(2).equals("IN_PROGRESS")) {
          return Optional.of(new InProgress());
        }
        if (rs.getString(4) != null) {
          return Optional.of(new Failed(rs.getString(4), rs.getString(5), rs.getString(6)));
        }
        return Optional.of(new Answered(decode(rs.getString(3))));
      }
    }
  }

  /** Stores the failure of the request owning {@code key}. */
  public void fail(Connection c, IdempotencyKey key, Failed failure, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "update payment_idempotency set state = 'COMPLETED', error_kind = ?, error_code = ?, error_message = ?,"
            + " completed_at = ? where idempotency_key = ? and state = 'IN_PROGRESS'")) {
      s.setString(1, failure.kind());
      s.setString(2, failure.code());
      s.setString(3, failure.message());
      s.setTimestamp(4, Timestamp.from(now));
      s.setString(5, key.value());
      s.executeUpdate();
    }
  }

  /** Deletes completed records created before {@code cutoff}; returns how many. */
  public int prune(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "delete from payment_idempotency where state = 'COMPLETED' and created_at < ?")) {
      s.setTimestamp(1, Timestamp.from(cutoff));
      return s.executeUpdate();
    }
  }

  static String encode(PaymentResponse r) {
    ObjectNode node = JSON.createObjectNode()
        .put("paymentId", r.paymentId().toString())
        .put("gatewayId", r.gatewayId())
        .put("status", r.status().name())
        .put("amountMinor", r.amount().minorUnits())
        .put("currency", r.amount().currency().getCurrencyCode())
        .put("transactionId", r.transactionId().toString())
        .put("transactionStatus", r.transactionStatus().name())
        .put("transactionAmountMinor", r.transactionAmount().minorUnits());
    r.gatewayReference().ifPresent(v -> node.put("gatewayReference", v));
    r.declineCode().ifPresent(v -> node.put("declineCode", v));
    r.message().ifPresent(v -> node.put("message", v));
    r.nextAction().ifPresent(a -> node.put("nextActionType", a.type().name()).put("nextActionValue", a.value()));
    return node.toString();
  }

  static PaymentResponse decode(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored idempotent response is not JSON", e);
    }
    String currency = n.path("currency").asText();
    return new PaymentResponse(
        new PaymentId(UUID.fromString(n.path("paymentId").asText())),
        n.path("gatewayId").asText(),
        PaymentStatus.valueOf(n.path("status").asText()),
        Money.ofMinor(n.path("amountMinor").asLong(), currency),
        new TransactionId(UUID.fromString(n.path("transactionId").asText())),
        TransactionStatus.valueOf(n.path("transactionStatus").asText()),
        Money.ofMinor(n.path("transactionAmountMinor").asLong(), currency),
        text(n, "gatewayReference"),
        text(n, "declineCode"),
        text(n, "message"),
        text(n, "nextActionType").map(t -> new NextAction(NextAction.Type.valueOf(t), n.path("nextActionValue").asText())));
  }

  private static Optional<String> text(JsonNode n, String field) {
    return n.hasNonNull(field) ? Optional.of(n.path(field).asText()) : Optional.empty();
  }
}
