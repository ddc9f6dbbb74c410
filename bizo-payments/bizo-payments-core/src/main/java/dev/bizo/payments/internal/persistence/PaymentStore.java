package dev.bizo.payments.internal.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.payments.CaptureMode;
import dev.bizo.payments.Payment;
import dev.bizo.payments.PaymentHistoryEntry;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentPage;
import dev.bizo.payments.PaymentQuery;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.PaymentSummary;
import dev.bizo.payments.ReconciliationSchedule;
import dev.bizo.payments.Transaction;
import dev.bizo.payments.TransactionId;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores the {@link Payment} aggregate in plain JDBC inside the caller's tenant transaction, writing
 * exactly the new history rows and one outbox event per new row, so state, history and events commit together;
 * also lists payments page by page and claims transactions for reconciliation.
 */
public final class PaymentStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final ReconciliationSchedule schedule;

  public PaymentStore(Clock clock, ReconciliationSchedule schedule) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /**
   * Inserts a new payment at version 0 with its transactions, history and one outbox event per history row, in
   * one statement.
   */
  public void insert(Connection c, StoredPayment stored, CaptureMode mode, Optional<String> merchantReference)
      throws SQLException {
    insert(c, stored, mode, merchantReference, Optional.empty());
  }

  /**
   * {@link #insert} if and only if {@code claim} (the idempotency key's claim, {@link IdempotencyRecords#claimPart})
   * writes its row, in the same statement: one round trip for the claim and the payment.
   *
   * @return whether the key was claimed and the payment inserted; if not, nothing was written
   */
  public boolean insertIfClaimed(Connection c, StoredPayment stored, CaptureMode mode, Optional<String> merchantReference,
      WriteStatement.Part claim) throws SQLException {
    return insert(c, stored, mode, merchantReference, Optional.of(claim));
  }

  private boolean insert(Connection c, StoredPayment stored, CaptureMode mode, Optional<String> merchantReference,
      Optional<WriteStatement.Part> claim) throws SQLException {
    Payment p = stored.payment();
    Instant createdAt = p.history().get(0).at();
    Instant now = clock.instant();
    WriteStatement writes = new WriteStatement();
    claim.ifPresent(part -> writes.add("claimed", part));
    writes.add(WriteStatement.CHANGED, new WriteStatement.Part(
        "insert into payment (id, tenant_id, gateway_id, amount_minor, currency, status, capture_mode,"
            + " merchant_reference, created_at, updated_at) select ?::uuid, ?::uuid, ?::text, ?::bigint, ?::text,"
            + " ?::text, ?::text, ?::text, ?::timestamptz, ?::timestamptz" + (claim.isPresent() ? " from claimed" : "")
            + " returning id",
        (s, at) -> {
          s.setObject(at, p.id().value());
          s.setObject(at + 1, p.tenantId().value());
          s.setString(at + 2, p.gatewayId());
          s.setLong(at + 3, p.amount().minorUnits());
          s.setString(at + 4, p.amount().currency().getCurrencyCode());
          s.setString(at + 5, p.status().name());
          s.setString(at + 6, mode.name());
          s.setString(at + 7, merchantReference.orElse(null));
          s.setTimestamp(at + 8, Timestamp.from(createdAt));
          s.setTimestamp(at + 9, Timestamp.from(now));
          return at + 10;
        }));
    // The row is written with the payment's current state: only its children are new.
    addChildren(writes, stored);
    return writes.execute(c, WriteStatement.CHANGED) == 1;
  }

  /**
   * Writes what changed since {@code stored} was loaded, in one statement: the payment row (its version one
   * up), new or changed transactions, the new history rows and one outbox event per new history row.
   *
   * @return the payment as now stored, to carry into a later transaction with {@link #saveIfCurrent}
   * @throws IllegalStateException if the row is no longer at {@code stored}'s version (the caller must hold
   *     the row lock from {@link #load})
   */
  public StoredPayment saveChanges(Connection c, StoredPayment stored) throws SQLException {
    return saveIfCurrent(c, stored, Optional.empty()).orElseThrow(() -> new IllegalStateException(
        "Payment " + stored.payment().id() + " changed since version " + stored.version() + " was read"));
  }

  /**
   * Writes what changed since {@code stored} was written, and {@code also} (gated on the payment's row, see
   * {@link WriteStatement#CHANGED}), in one statement, if the row is still at {@code stored}'s version; the
   * update takes the row's lock, so a concurrent writer is waited for and then seen.
   *
   * <p>Why: a request carries the payment it wrote before calling the gateway into the transaction that records
   * the answer; usually nothing saved it meanwhile, and then one statement both checks and writes.
   *
   * @return the payment as now stored, or empty when another writer saved it since (nothing was written: load
   *     it again under the lock)
   */
  public Optional<StoredPayment> saveIfCurrent(Connection c, StoredPayment stored, Optional<WriteStatement.Part> also)
      throws SQLException {
    Payment p = stored.payment();
    Instant now = clock.instant();
    WriteStatement writes = new WriteStatement().add(WriteStatement.CHANGED, new WriteStatement.Part(
        "update payment set status = ?, gateway_id = ?, updated_at = ?::timestamptz, version = version + 1"
            + " where id = ? and version = ? returning id",
        (s, at) -> {
          s.setString(at, p.status().name());
          s.setString(at + 1, p.gatewayId());
          s.setTimestamp(at + 2, Timestamp.from(now));
          s.setObject(at + 3, p.id().value());
          s.setLong(at + 4, stored.version());
          return at + 5;
        }));
    addChildren(writes, stored);
    also.ifPresent(writes::add);
    if (writes.execute(c, WriteStatement.CHANGED) != 1) {
      return Optional.empty();
    }
    return Optional.of(StoredPayment.loaded(p, stored.version() + 1));
  }

  /** The new or changed transactions, the new history rows and one outbox event per new history row. */
  private void addChildren(WriteStatement writes, StoredPayment stored) {
    Payment p = stored.payment();
    List<Transaction> transactions = p.transactions();
    for (int i = 0; i < transactions.size(); i++) {
      Transaction tx = transactions.get(i);
      Transaction before = stored.originalTransactions().get(tx.id());
      if (before == null) {
        writes.add(insertTransaction(p, i, tx));
      } else if (!before.equals(tx)) {
        writes.add(updateTransaction(tx, before.status() != tx.status()));
      }
    }
    List<PaymentHistoryEntry> history = p.history();
    for (int seq = stored.originalHistorySize(); seq < history.size(); seq++) {
      PaymentHistoryEntry entry = history.get(seq);
      writes.add(insertHistory(p, seq, entry));
      DomainEvent event = event(p, entry);
      writes.add(new WriteStatement.Part(
          "insert into " + Outbox.TABLE_AND_COLUMNS + " " + Outbox.selectFor(WriteStatement.CHANGED),
          (s, at) -> Outbox.bind(s, at, event)));
    }
  }

  private WriteStatement.Part insertTransaction(Payment p, int seq, Transaction tx) {
    return new WriteStatement.Part(
        "insert into payment_transaction (id, tenant_id, payment_id, seq, operation, amount_minor, currency,"
            + " idempotency_key, status, gateway_reference, decline_code, message, next_action_type,"
            + " next_action_value, created_at, updated_at, reconcile_attempts, next_reconcile_at)"
            + " select ?::uuid, ?::uuid, ?::uuid, ?::integer, ?::text, ?::bigint, ?::text, ?::text,"
            + " ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::timestamptz, ?::timestamptz, 0, ?::timestamptz"
            + " from " + WriteStatement.CHANGED,
        (s, at) -> {
          s.setObject(at, tx.id().value());
          s.setObject(at + 1, p.tenantId().value());
          s.setObject(at + 2, p.id().value());
          s.setInt(at + 3, seq);
          s.setString(at + 4, tx.operation().name());
          s.setLong(at + 5, tx.amount().minorUnits());
          s.setString(at + 6, tx.amount().currency().getCurrencyCode());
          s.setString(at + 7, tx.idempotencyKey().value());
          int next = bindOutcome(s, at + 8, tx);
          s.setTimestamp(next, Timestamp.from(tx.createdAt()));
          s.setTimestamp(next + 1, Timestamp.from(tx.updatedAt()));
          s.setTimestamp(next + 2, firstCheck(tx).map(Timestamp::from).orElse(null));
          return next + 3;
        });
  }

  private WriteStatement.Part updateTransaction(Transaction tx, boolean statusChanged) {
    String reschedule = statusChanged ? ", reconcile_attempts = 0, next_reconcile_at = ?::timestamptz" : "";
    return new WriteStatement.Part(
        "update payment_transaction set status = ?::text, gateway_reference = ?::text, decline_code = ?::text,"
            + " message = ?::text, next_action_type = ?::text, next_action_value = ?::text, amount_minor = ?,"
            + " updated_at = ?::timestamptz" + reschedule
            + " where id = ? and exists (select 1 from " + WriteStatement.CHANGED + ")",
        (s, at) -> {
          int next = bindOutcome(s, at, tx);
          s.setLong(next++, tx.amount().minorUnits());
          s.setTimestamp(next++, Timestamp.from(tx.updatedAt()));
          if (statusChanged) {
            s.setTimestamp(next++, firstCheck(tx).map(Timestamp::from).orElse(null));
          }
          s.setObject(next++, tx.id().value());
          return next;
        });
  }

  /**
   * When reconciliation should first look at a transaction: PENDING and UNKNOWN ones by the schedule, and
   * REQUESTED ones too, so a request whose answer was lost (a crash mid-call) is settled rather than forgotten.
   */
  private Optional<Instant> firstCheck(Transaction tx) {
    if (tx.status().needsReconciliation() || tx.status() == TransactionStatus.REQUESTED) {
      return schedule.nextAttemptAt(tx.updatedAt(), 0);
    }
    return Optional.empty();
  }

  private static int bindOutcome(PreparedStatement s, int at, Transaction tx) throws SQLException {
    s.setString(at, tx.status().name());
    s.setString(at + 1, tx.gatewayReference().orElse(null));
    s.setString(at + 2, tx.declineCode().orElse(null));
    s.setString(at + 3, tx.message().orElse(null));
    s.setString(at + 4, tx.nextAction().map(a -> a.type().name()).orElse(null));
    s.setString(at + 5, tx.nextAction().map(NextAction::value).orElse(null));
    return at + 6;
  }

  private static WriteStatement.Part insertHistory(Payment p, int seq, PaymentHistoryEntry entry) {
    UUID id = dev.bizo.core.Ids.newUuid();
    return new WriteStatement.Part(
        "insert into payment_history (id, tenant_id, payment_id, seq, at, from_status, to_status, transaction_id,"
            + " transaction_status, note) select ?::uuid, ?::uuid, ?::uuid, ?::integer, ?::timestamptz, ?::text,"
            + " ?::text, ?::uuid, ?::text, ?::text from " + WriteStatement.CHANGED,
        (s, at) -> {
          s.setObject(at, id);
          s.setObject(at + 1, p.tenantId().value());
          s.setObject(at + 2, p.id().value());
          s.setInt(at + 3, seq);
          s.setTimestamp(at + 4, Timestamp.from(entry.at()));
          s.setString(at + 5, entry.from().map(Enum::name).orElse(null));
          s.setString(at + 6, entry.to().name());
          s.setObject(at + 7, entry.transactionId().map(TransactionId::value).orElse(null));
          s.setString(at + 8, entry.transactionStatus().map(Enum::name).orElse(null));
          s.setString(at + 9, entry.note());
          return at + 10;
        });
  }

  private DomainEvent event(Payment p, PaymentHistoryEntry entry) {
    ObjectNode payload = JSON.createObjectNode()
        .put("paymentId", p.id().toString())
        .put("gateway", p.gatewayId())
        .put("status", entry.to().name())
        .put("amountMinor", p.amount().minorUnits())
        .put("currency", p.amount().currency().getCurrencyCode());
    entry.from().ifPresent(from -> payload.put("previousStatus", from.name()));
    entry.transactionId().ifPresent(id -> payload.put("transactionId", id.toString()));
    entry.transactionStatus().ifPresent(s -> payload.put("transactionStatus", s.name()));
    return DomainEvent.builder(p.tenantId(), eventType(entry), clock)
        .aggregate("payment", p.id().toString())
        .payload(payload.toString())
        .build();
  }

  /** The outbox event type of one history entry, e.g. {@code payment.authorized}. */
  public static String eventType(PaymentHistoryEntry entry) {
    if (entry.from().isEmpty()) {
      return "payment.created";
    }
    if (entry.from().get() == entry.to()) {
      return "payment.transaction_updated";
    }
    return switch (entry.to()) {
      case PENDING -> "payment.pending";
      case UNKNOWN -> "payment.unknown";
      case AUTHORIZED -> "payment.authorized";
      case CAPTURED -> "payment.succeeded";
      case PARTIALLY_REFUNDED, REFUNDED -> "payment.refunded";
      case VOIDED -> "payment.voided";
      case DECLINED, FAILED -> "payment.failed";
      case NEW -> "payment.updated";
    };
  }

  /**
   * Loads a payment, locking its row until the transaction ends when {@code lock} is set: one round trip, its
   * transactions and history aggregated beside the row, instead of one query per table (each a round trip).
   * The lock is its own statement sent in the same round trip before the read: a read that locked and waited
   * would see the payment's row as its writer left it but its transactions and history as they were before,
   * while the next statement starts after the lock with a fresh snapshot. Times travel as epoch microseconds,
   * PostgreSQL's own precision.
   */
  public Optional<StoredPayment> load(Connection c, PaymentId id, boolean lock) throws SQLException {
    String sql = "select p.tenant_id, p.gateway_id, p.amount_minor, p.currency, p.status, p.version,"
        + " (select json_agg(json_build_array(t.id, t.operation, t.amount_minor, t.currency, t.idempotency_key,"
        + " t.status, t.gateway_reference, t.decline_code, t.message, t.next_action_type, t.next_action_value,"
        + " " + micros("t.created_at") + ", " + micros("t.updated_at") + ") order by t.seq)"
        + " from payment_transaction t where t.payment_id = p.id)::text,"
        + " (select json_agg(json_build_array(" + micros("h.at") + ", h.from_status, h.to_status, h.transaction_id,"
        + " h.transaction_status, h.note) order by h.seq) from payment_history h where h.payment_id = p.id)::text"
        + " from payment p where p.id = ?";
    String statements = lock ? "select 1 from payment where id = ? for update; " + sql : sql;
    try (PreparedStatement s = c.prepareStatement(statements)) {
      s.setObject(1, id.value());
      if (lock) {
        s.setObject(2, id.value());
      }
      s.execute();
      if (lock && !s.getMoreResults()) {
        throw new IllegalStateException("The payment's read returned no result after its lock");
      }
      try (ResultSet rs = s.getResultSet()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        TenantId tenant = new TenantId(rs.getObject(1, UUID.class));
        String gateway = rs.getString(2);
        Money amount = Money.ofMinor(rs.getLong(3), rs.getString(4));
        PaymentStatus status = PaymentStatus.valueOf(rs.getString(5));
        long version = rs.getLong(6);
        List<Transaction> transactions = new ArrayList<>();
        for (JsonNode t : rows(rs.getString(7))) {
          transactions.add(new Transaction(
              new TransactionId(UUID.fromString(t.get(0).asText())),
              GatewayOperation.valueOf(t.get(1).asText()),
              Money.ofMinor(t.get(2).asLong(), t.get(3).asText()),
              IdempotencyKey.of(t.get(4).asText()),
              TransactionStatus.valueOf(t.get(5).asText()),
              text(t.get(6)),
              text(t.get(7)),
              text(t.get(8)),
              text(t.get(9)).map(type -> new NextAction(NextAction.Type.valueOf(type), t.get(10).asText())),
              instant(t.get(11)),
              instant(t.get(12))));
        }
        List<PaymentHistoryEntry> history = new ArrayList<>();
        for (JsonNode h : rows(rs.getString(8))) {
          history.add(new PaymentHistoryEntry(
              instant(h.get(0)),
              text(h.get(1)).map(PaymentStatus::valueOf),
              PaymentStatus.valueOf(h.get(2).asText()),
              text(h.get(3)).map(UUID::fromString).map(TransactionId::new),
              text(h.get(4)).map(TransactionStatus::valueOf),
              h.get(5).asText()));
        }
        Payment payment = Payment.restore(id, tenant, gateway, amount, status, transactions, history, clock);
        return Optional.of(StoredPayment.loaded(payment, version));
      }
    }
  }

  private static String micros(String column) {
    return "(extract(epoch from " + column + ") * 1000000)::bigint";
  }

  private static Iterable<JsonNode> rows(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("PostgreSQL returned rows that are not JSON", e);
    }
  }

  private static Optional<String> text(JsonNode value) {
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static Instant instant(JsonNode epochMicros) {
    long micros = epochMicros.asLong();
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** Finds the payment holding a transaction the gateway knows by {@code reference}. */
  public Optional<PaymentId> findByGatewayReference(Connection c, String reference) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select payment_id from payment_transaction where gateway_reference = ? order by created_at desc limit 1")) {
      s.setString(1, reference);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new PaymentId(rs.getObject(1, UUID.class))) : Optional.empty();
      }
    }
  }

  /**
   * One page of the tenant's payments, oldest first, filtered by {@code query} and continued after its keyset
   * cursor ({@code (created_at, id)}); the page carries the cursor of its last row when more follow.
   */
  public PaymentPage list(Connection c, PaymentQuery query) throws SQLException {
    StringBuilder sql = new StringBuilder(
        "select id, gateway_id, amount_minor, currency, status, created_at from payment where true");
    List<Object> args = new ArrayList<>();
    query.status().ifPresent(status -> {
      sql.append(" and status = ?");
      args.add(status.name());
    });
    query.gateway().ifPresent(gateway -> {
      sql.append(" and gateway_id = ?");
      args.add(gateway);
    });
    query.after().ifPresent(cursor -> {
      PaymentCursor after = PaymentCursor.decode(cursor);
      sql.append(" and (created_at, id) > (?, ?)");
      args.add(Timestamp.from(after.createdAt()));
      args.add(after.id());
    });
    sql.append(" order by created_at, id limit ?");
    args.add(query.limit() + 1);
    List<PaymentSummary> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new PaymentSummary(
              new PaymentId(rs.getObject(1, UUID.class)), rs.getString(2),
              Money.ofMinor(rs.getLong(3), rs.getString(4)), PaymentStatus.valueOf(rs.getString(5)),
              rs.getTimestamp(6).toInstant()));
        }
      }
    }
    if (rows.size() <= query.limit()) {
      return new PaymentPage(rows, Optional.empty());
    }
    List<PaymentSummary> page = rows.subList(0, query.limit());
    PaymentSummary last = page.get(page.size() - 1);
    return new PaymentPage(page, Optional.of(new PaymentCursor(last.createdAt(), last.id().value()).encode()));
  }

  /** A transaction claimed for a reconciliation attempt. */
  public record Claim(PaymentId paymentId, TransactionId transactionId) {}

  /**
   * Claims up to {@code limit} transactions due for reconciliation: rows another worker holds are skipped,
   * and each claimed row's next attempt is moved along the schedule before the caller commits, so a second
   * worker neither waits for nor repeats it.
   */
  public List<Claim> claimDue(Connection c, Instant now, int limit) throws SQLException {
    return claim(c,
        "select id, payment_id, reconcile_attempts from payment_transaction"
            + " where next_reconcile_at is not null and next_reconcile_at <= ?"
            + " order by next_reconcile_at limit ? for update skip locked",
        s -> {
          s.setTimestamp(1, Timestamp.from(now));
          s.setInt(2, limit);
        },
        now);
  }

  /** Claims the UNKNOWN transactions of one payment regardless of the schedule, for reconciliation on read. */
  public List<Claim> claimUnknown(Connection c, PaymentId paymentId, Instant now) throws SQLException {
    return claim(c,
        "select id, payment_id, reconcile_attempts from payment_transaction"
            + " where payment_id = ? and status = 'UNKNOWN' for update skip locked",
        s -> s.setObject(1, paymentId.value()),
        now);
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private List<Claim> claim(Connection c, String select, Binder binder, Instant now) throws SQLException {
    List<Claim> claims = new ArrayList<>();
    Map<TransactionId, Integer> attempts = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(select)) {
      binder.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          TransactionId tx = new TransactionId(rs.getObject(1, UUID.class));
          claims.add(new Claim(new PaymentId(rs.getObject(2, UUID.class)), tx));
          attempts.put(tx, rs.getInt(3) + 1);
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "update payment_transaction set reconcile_attempts = ?, next_reconcile_at = ? where id = ?")) {
      for (Claim claim : claims) {
        int made = attempts.get(claim.transactionId());
        s.setInt(1, made);
        s.setTimestamp(2, schedule.nextAttemptAt(now, made).map(Timestamp::from).orElse(null));
        s.setObject(3, claim.transactionId().value());
        s.addBatch();
      }
      if (!claims.isEmpty()) {
        s.executeBatch();
      }
    }
    return claims;
  }
}
