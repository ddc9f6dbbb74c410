package dev.bizo.payments.internal.persistence;

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

  /** Inserts a new payment with its transactions and history, at version 0. */
  public void insert(Connection c, StoredPayment stored, CaptureMode mode, Optional<String> merchantReference)
      throws SQLException {
    Payment p = stored.payment();
    try (PreparedStatement s = c.prepareStatement(
        "insert into payment (id, tenant_id, gateway_id, amount_minor, currency, status, capture_mode,"
            + " merchant_reference, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Instant createdAt = p.history().get(0).at();
      s.setObject(1, p.id().value());
      s.setObject(2, p.tenantId().value());
      s.setString(3, p.gatewayId());
      s.setLong(4, p.amount().minorUnits());
      s.setString(5, p.amount().currency().getCurrencyCode());
      s.setString(6, p.status().name());
      s.setString(7, mode.name());
      s.setString(8, merchantReference.orElse(null));
      s.setTimestamp(9, Timestamp.from(createdAt));
      s.setTimestamp(10, Timestamp.from(clock.instant()));
      s.executeUpdate();
    }
    // The row was just written with the payment's current state: only its children are new.
    saveChildren(c, stored);
  }

  /**
   * Writes what changed since {@code stored} was loaded: the payment row (its version one up), new or changed
   * transactions, the new history rows and one outbox event per new history row.
   *
   * @return the payment as now stored, to carry into a later transaction with {@link #lockIfCurrent}
   * @throws IllegalStateException if the row is no longer at {@code stored}'s version (the caller must hold
   *     the row lock from {@link #load} or {@link #lockIfCurrent})
   */
  public StoredPayment saveChanges(Connection c, StoredPayment stored) throws SQLException {
    Payment p = stored.payment();
    try (PreparedStatement s = c.prepareStatement(
        "update payment set status = ?, gateway_id = ?, updated_at = ?, version = version + 1 where id = ? and version = ?")) {
      s.setString(1, p.status().name());
      s.setString(2, p.gatewayId());
      s.setTimestamp(3, Timestamp.from(clock.instant()));
      s.setObject(4, p.id().value());
      s.setLong(5, stored.version());
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException("Payment " + p.id() + " changed since version " + stored.version() + " was read");
      }
    }
    saveChildren(c, stored);
    return StoredPayment.loaded(p, stored.version() + 1);
  }

  /**
   * Locks the payment's row until the transaction ends and tells whether it is still at {@code carried}'s
   * version: one query instead of {@link #load}'s three when the caller already holds the payment as stored
   * (written by an earlier transaction of the same request).
   *
   * @return whether {@code carried} is still what is stored; if not, {@link #load} it again
   */
  public boolean lockIfCurrent(Connection c, StoredPayment carried) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select version from payment where id = ? for update")) {
      s.setObject(1, carried.payment().id().value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) == carried.version();
      }
    }
  }

  /** The new or changed transactions, the new history rows and one outbox event per new history row. */
  private void saveChildren(Connection c, StoredPayment stored) throws SQLException {
    Payment p = stored.payment();
    List<Transaction> transactions = p.transactions();
    for (int i = 0; i < transactions.size(); i++) {
      Transaction tx = transactions.get(i);
      Transaction before = stored.originalTransactions().get(tx.id());
      if (before == null) {
        insertTransaction(c, p, i, tx);
      } else if (!before.equals(tx)) {
        updateTransaction(c, tx, before.status() != tx.status());
      }
    }
    List<PaymentHistoryEntry> history = p.history();
    for (int seq = stored.originalHistorySize(); seq < history.size(); seq++) {
      PaymentHistoryEntry entry = history.get(seq);
      insertHistory(c, p, seq, entry);
      Outbox.append(c, event(p, entry));
    }
  }

  private void insertTransaction(Connection c, Payment p, int seq, Transaction tx) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into payment_transaction (id, tenant_id, payment_id, seq, operation, amount_minor, currency,"
            + " idempotency_key, status, gateway_reference, decline_code, message, next_action_type,"
            + " next_action_value, created_at, updated_at, reconcile_attempts, next_reconcile_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
      s.setObject(1, tx.id().value());
      s.setObject(2, p.tenantId().value());
      s.setObject(3, p.id().value());
      s.setInt(4, seq);
      s.setString(5, tx.operation().name());
      s.setLong(6, tx.amount().minorUnits());
      s.setString(7, tx.amount().currency().getCurrencyCode());
      s.setString(8, tx.idempotencyKey().value());
      bindOutcome(s, 9, tx);
      s.setTimestamp(15, Timestamp.from(tx.createdAt()));
      s.setTimestamp(16, Timestamp.from(tx.updatedAt()));
      s.setTimestamp(17, firstCheck(tx).map(Timestamp::from).orElse(null));
      s.executeUpdate();
    }
  }

  private void updateTransaction(Connection c, Transaction tx, boolean statusChanged) throws SQLException {
    String reschedule = statusChanged ? ", reconcile_attempts = 0, next_reconcile_at = ?" : "";
    try (PreparedStatement s = c.prepareStatement(
        "update payment_transaction set status = ?, gateway_reference = ?, decline_code = ?, message = ?,"
            + " next_action_type = ?, next_action_value = ?, amount_minor = ?, updated_at = ?" + reschedule
            + " where id = ?")) {
      bindOutcome(s, 1, tx);
      s.setLong(7, tx.amount().minorUnits());
      s.setTimestamp(8, Timestamp.from(tx.updatedAt()));
      int next = 9;
      if (statusChanged) {
        s.setTimestamp(next++, firstCheck(tx).map(Timestamp::from).orElse(null));
      }
      s.setObject(next, tx.id().value());
      s.executeUpdate();
    }
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

  private static void bindOutcome(PreparedStatement s, int at, Transaction tx) throws SQLException {
    s.setString(at, tx.status().name());
    s.setString(at + 1, tx.gatewayReference().orElse(null));
    s.setString(at + 2, tx.declineCode().orElse(null));
    s.setString(at + 3, tx.message().orElse(null));
    s.setString(at + 4, tx.nextAction().map(a -> a.type().name()).orElse(null));
    s.setString(at + 5, tx.nextAction().map(NextAction::value).orElse(null));
  }

  private static void insertHistory(Connection c, Payment p, int seq, PaymentHistoryEntry entry) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into payment_history (id, tenant_id, payment_id, seq, at, from_status, to_status, transaction_id,"
            + " transaction_status, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, dev.bizo.core.Ids.newUuid());
      s.setObject(2, p.tenantId().value());
      s.setObject(3, p.id().value());
      s.setInt(4, seq);
      s.setTimestamp(5, Timestamp.from(entry.at()));
      s.setString(6, entry.from().map(Enum::name).orElse(null));
      s.setString(7, entry.to().name());
      s.setObject(8, entry.transactionId().map(TransactionId::value).orElse(null));
      s.setString(9, entry.transactionStatus().map(Enum::name).orElse(null));
      s.setString(10, entry.note());
      s.executeUpdate();
    }
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

  /** Loads a payment, locking its row until the transaction ends when {@code lock} is set. */
  public Optional<StoredPayment> load(Connection c, PaymentId id, boolean lock) throws SQLException {
    String sql = "select tenant_id, gateway_id, amount_minor, currency, status, version from payment where id = ?"
        + (lock ? " for update" : "");
    TenantId tenant;
    String gateway;
    Money amount;
    PaymentStatus status;
    long version;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        tenant = new TenantId(rs.getObject(1, UUID.class));
        gateway = rs.getString(2);
        amount = Money.ofMinor(rs.getLong(3), rs.getString(4));
        status = PaymentStatus.valueOf(rs.getString(5));
        version = rs.getLong(6);
      }
    }
    List<Transaction> transactions = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "select id, operation, amount_minor, currency, idempotency_key, status, gateway_reference, decline_code,"
            + " message, next_action_type, next_action_value, created_at, updated_at"
            + " from payment_transaction where payment_id = ? order by seq")) {
      s.setObject(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String actionType = rs.getString(10);
          transactions.add(new Transaction(
              new TransactionId(rs.getObject(1, UUID.class)),
              GatewayOperation.valueOf(rs.getString(2)),
              Money.ofMinor(rs.getLong(3), rs.getString(4)),
              IdempotencyKey.of(rs.getString(5)),
              TransactionStatus.valueOf(rs.getString(6)),
              Optional.ofNullable(rs.getString(7)),
              Optional.ofNullable(rs.getString(8)),
              Optional.ofNullable(rs.getString(9)),
              actionType == null
                  ? Optional.empty()
                  : Optional.of(new NextAction(NextAction.Type.valueOf(actionType), rs.getString(11))),
              rs.getTimestamp(12).toInstant(),
              rs.getTimestamp(13).toInstant()));
        }
      }
    }
    List<PaymentHistoryEntry> history = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "select at, from_status, to_status, transaction_id, transaction_status, note"
            + " from payment_history where payment_id = ? order by seq")) {
      s.setObject(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          UUID txId = rs.getObject(4, UUID.class);
          history.add(new PaymentHistoryEntry(
              rs.getTimestamp(1).toInstant(),
              Optional.ofNullable(rs.getString(2)).map(PaymentStatus::valueOf),
              PaymentStatus.valueOf(rs.getString(3)),
              Optional.ofNullable(txId).map(TransactionId::new),
              Optional.ofNullable(rs.getString(5)).map(TransactionStatus::valueOf),
              rs.getString(6)));
        }
      }
    }
    Payment payment = Payment.restore(id, tenant, gateway, amount, status, transactions, history, clock);
    return Optional.of(StoredPayment.loaded(payment, version));
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
