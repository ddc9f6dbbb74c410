package dev.bizo.payments.internal;

import dev.bizo.core.ConflictException;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.payments.Payment;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.RequestFingerprint;
import dev.bizo.payments.TransactionId;
import dev.bizo.payments.internal.persistence.IdempotencyRecords;
import dev.bizo.payments.internal.persistence.PaymentStore;
import dev.bizo.payments.internal.persistence.StoredPayment;
import dev.bizo.payments.internal.persistence.WriteStatement;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.tenancy.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent call protocol of every money-moving call, in two database transactions around the gateway call:
 * the first claims the key's record and stores the begun operation ({@link #run}); the second records the
 * gateway's answer on the payment and stores it as the key's answer ({@link #finish}). A repeat gets the stored
 * answer or failure; a repeat while the first call is working polls for its answer until the wait timeout.
 */
public final class IdempotentCalls {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotentCalls.class);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  private final Transactions tx;
  private final PaymentStore store;
  private final IdempotencyRecords records;
  private final Clock clock;
  private final Duration duplicateWaitTimeout;

  public IdempotentCalls(
      Transactions tx, PaymentStore store, IdempotencyRecords records, Clock clock, Duration duplicateWaitTimeout) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.store = Objects.requireNonNull(store, "store");
    this.records = Objects.requireNonNull(records, "records");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.duplicateWaitTimeout = Objects.requireNonNull(duplicateWaitTimeout, "duplicateWaitTimeout");
  }

  /**
   * What the first transaction of a request wrote: the transaction to record the gateway's answer on, and the
   * payment as stored then, carried into the second transaction instead of read again.
   */
  public record Started(TransactionId transactionId, StoredPayment payment) {}

  /** The first transaction's work once the key is claimed: begin the operation and store it. */
  @FunctionalInterface
  public interface StartWork {
    Started start(Connection c) throws SQLException;
  }

  /** What the gateway's answer does to the payment, applied in the second transaction. */
  @FunctionalInterface
  public interface Change {
    void apply(Payment payment);
  }

  /**
   * The first transaction's work of a request that creates its payment: insert it if and only if {@code claim}
   * (the key's claim, to run as the first part of the same statement) writes the key's row.
   */
  @FunctionalInterface
  public interface CreateWork {
    /** @return what was started, or empty when the key was already claimed (nothing written) */
    Optional<Started> insertIfClaimed(Connection c, WriteStatement.Part claim) throws SQLException;
  }

  /**
   * Runs one idempotent call: claims the key (or returns, throws or waits for what an earlier call with it
   * stored), runs {@code start} in the same transaction, then {@code call} outside it, which ends in
   * {@link #finish}. A {@link NonRetriableException} from {@code start} is stored as the key's answer.
   *
   * @throws ConflictException {@code idempotency.key_reused} when the key was used with other parameters
   * @throws RetriableException {@code idempotency.in_progress} when the first call is still working after the wait
   */
  public PaymentResponse run(
      TenantId tenant, IdempotencyKey key, RequestFingerprint fp, StartWork start, Function<Started, PaymentResponse> call) {
    return runFirst(tenant, key, fp, c -> {
      Optional<IdempotencyRecords.Stored> existing = records.claim(c, key, fp, clock.instant());
      if (existing.isPresent()) {
        return existing.get();
      }
      try {
        return start.start(c);
      } catch (NonRetriableException e) {
        IdempotencyRecords.Failed failed = IdempotencyRecords.Failed.of(e);
        records.fail(c, key, failed, clock.instant());
        return failed;
      }
    }, call);
  }

  /**
   * {@link #run} for a request that creates its payment: the claim and the payment's first writes go out as one
   * statement (one round trip); only a repeat reads the stored record after it. Same answers and exceptions.
   */
  public PaymentResponse runCreating(
      TenantId tenant, IdempotencyKey key, RequestFingerprint fp, CreateWork create, Function<Started, PaymentResponse> call) {
    return runFirst(tenant, key, fp, c -> {
      Optional<Started> started = create.insertIfClaimed(c, records.claimPart(key, fp, clock.instant()));
      if (started.isPresent()) {
        return started.get();
      }
      return records.find(c, key, fp).orElse(null);
    }, call);
  }

  /**
   * The loop of both forms: {@code first} returns what the first transaction started, or the key's stored
   * record ({@code null} when it is gone).
   */
  private PaymentResponse runFirst(TenantId tenant, IdempotencyKey key, RequestFingerprint fp,
      Transactions.JdbcWork<Object> first, Function<Started, PaymentResponse> call) {
    long deadline = System.nanoTime() + duplicateWaitTimeout.toNanos();
    while (true) {
      Object stored = tx.inTenantJdbc(tenant, first);
      if (stored instanceof Started started) {
        return call.apply(started);
      }
      while (true) {
        if (stored instanceof IdempotencyRecords.Answered answered) {
          return answered.response();
        }
        if (stored instanceof IdempotencyRecords.Failed failed) {
          throw failed.toException();
        }
        if (stored == null) {
          break; // the record is gone (pruned): this call is a first call again
        }
        if (System.nanoTime() > deadline) {
          throw new RetriableException(
              "idempotency.in_progress", "A request with idempotency key '" + key + "' is still in progress");
        }
        sleep(POLL_INTERVAL);
        stored = tx.inTenantJdbc(tenant, c -> records.find(c, key, fp).orElse(null));
      }
    }
  }

  /**
   * The second transaction: applies the gateway's answer to the payment (moved to {@code answeredBy} when a
   * fallback gateway answered), saves it and stores the response as the key's answer.
   */
  public PaymentResponse finish(
      TenantId tenant, IdempotencyKey key, Started started, Optional<String> answeredBy, Change change) {
    return tx.inTenantJdbc(tenant, c -> {
      // Usually nothing saved the payment since the first transaction: the carried copy is changed and written,
      // with the key's answer, in one statement that checks the version under the row lock. If a webhook or
      // reconciliation saved it meanwhile, nothing was written: read it again under the lock and redo the change.
      Optional<PaymentResponse> answered = record(c, key, started, started.payment(), answeredBy, change);
      if (answered.isPresent()) {
        return answered.get();
      }
      StoredPayment current = store.load(c, started.payment().payment().id(), true).orElseThrow();
      return record(c, key, started, current, answeredBy, change).orElseThrow(() -> new IllegalStateException(
          "Payment " + current.payment().id() + " changed under its row lock"));
    });
  }

  /** Applies the answer to {@code stored} and writes it with the key's answer; empty if {@code stored} is stale. */
  private Optional<PaymentResponse> record(Connection c, IdempotencyKey key, Started started, StoredPayment stored,
      Optional<String> answeredBy, Change change) throws SQLException {
    if (answeredBy.isPresent() && !answeredBy.get().equals(stored.payment().gatewayId())) {
      Payment p = stored.payment();
      // the first candidate was provably never reached; the payment lives on the gateway that answered
      stored = new StoredPayment(
          Payment.restore(p.id(), p.tenantId(), answeredBy.get(), p.amount(), p.status(), p.transactions(),
              p.history(), clock),
          stored.originalTransactions(), stored.originalHistorySize(), stored.version());
    }
    Payment payment = stored.payment();
    try {
      change.apply(payment);
    } catch (ConflictException e) {
      // reconciliation or a webhook settled it first; the stored state is the answer
      LOG.warn("Transaction {} was settled before its answer arrived ({})", started.transactionId(), e.code());
    }
    PaymentResponse response = PaymentResponse.of(payment, started.transactionId());
    Optional<WriteStatement.Part> complete = Optional.of(records.completePart(key, response, clock.instant()));
    return store.saveIfCurrent(c, stored, complete).map(saved -> response);
  }

  /**
   * Deletes the tenant's finished records older than {@code retention}.
   *
   * @return how many were deleted
   */
  public int prune(TenantId tenant, Duration retention) {
    Instant cutoff = clock.instant().minus(retention);
    return tx.inTenantJdbc(tenant, c -> records.prune(c, cutoff));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("idempotency.interrupted", "Interrupted while waiting for a duplicate request");
    }
  }
}
