package dev.bizo.benchmarks;

import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.TenantId;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.testkit.internal.SharedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * What Bizo adds to a payment over the gateway's own time: the real {@link PaymentService} (routing
 * through {@link GatewayRouter}, the idempotency record written before and completed after the call, the
 * payment, its transaction, history and outbox rows) on an embedded PostgreSQL, in front of a gateway stub
 * registered explicitly that answers SUCCESS after a fixed 50 ms sleep.
 *
 * <p>Each payment's added time is its time through the service minus the time the stub spent inside that
 * very call, so the sleep's jitter cancels out. Figures: p50 and p99 of the added time, each beside the
 * same percentile of calling the stub directly (calls alternate with the payments). Goal: p99 at most 5 ms
 * added. One caller at a time, each payment with a fresh idempotency key, automatic capture.
 *
 * <p>Measured twice: {@code payment-overhead-*} on the test kit's cluster (fsync and synchronous_commit off, so
 * commits cost no disk flush), and {@code payment-overhead-durable-*} on a fresh {@link DurableCluster}
 * cluster, which runs durable as the server's embedded default does: every commit waits for its WAL flush.
 *
 * <p>Run alone: {@code java -cp ... dev.bizo.benchmarks.PaymentOverhead [--full | --tiny]}.
 */
public final class PaymentOverhead implements Measurement {

  /** The stub gateway's fixed answer time. */
  static final Duration GATEWAY_DELAY = Duration.ofMillis(50);

  public static void main(String[] args) throws Exception {
    new PaymentOverhead().run(Sizes.fromArgs(args), new Report(System.out));
    System.exit(0);
  }

  @Override
  public String name() {
    return "payments";
  }

  @Override
  public Duration bound(SuiteSize size) {
    return Duration.ofSeconds(size.ints(120, 240, 600)); // two clusters, each started and migrated
  }

  @Override
  public void run(SuiteSize size, Report report) {
    int warmups = size.ints(10, 50, 100);
    int payments = size.ints(20, 300, 1_000);
    TestDatabase db = SharedPostgres.get().createDatabase();
    try {
      measure("payment-overhead", "the test kit's cluster",
          BenchmarkDatabase.on(db, 4), warmups, payments, report);
    } finally {
      SharedPostgres.get().dropDatabase(db);
    }
    try (DurableCluster durable = DurableCluster.start()) {
      measure("payment-overhead-durable", "a fresh cluster of the embedded default database, as the server runs it",
          durable.persistence(4), warmups, payments, report);
    }
  }

  private static void measure(String figure, String where, TenancyDatabase.Builder builder, int warmups, int payments, Report report) {
    PaymentService.persistenceModules().forEach(builder::module);
    try (TenancyDatabase database = builder.start()) {
      Transactions tx = database.transactions();
      String settings = tx.asSystemJdbc("benchmark: read the cluster's durability settings", c -> {
        try (var s = c.createStatement();
            var rs = s.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit')")) {
          rs.next();
          return "fsync=" + rs.getString(1) + ", synchronous_commit=" + rs.getString(2);
        }
      });
      Clock clock = Clock.systemUTC();
      TenantId tenant = BenchmarkDatabase.signUp(tx, "Payments bench", "pay");
      DelayedGateway stub = new DelayedGateway(GATEWAY_DELAY);
      PaymentService service = PaymentService.builder()
          .transactions(tx)
          .router(new GatewayRouter(Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(false).register(stub).build()))
          .credentials((t, gateway) -> GatewayCredentials.none())
          .routingPolicy(t -> RoutingPolicy.builder().defaultGateway(DelayedGateway.ID).build())
          .clock(clock)
          .build();
      NewPayment payment = NewPayment.builder(Money.ofMinor(1999, "EUR"), PaymentMethod.token("tok_bench_card")).build();

      double[] added = new double[payments];
      double[] direct = new double[payments];
      double[] total = new double[payments];
      String run = Long.toString(System.nanoTime(), 36);
      for (int i = -warmups; i < payments; i++) {
        IdempotencyKey key = IdempotencyKey.of("bench-" + run + "-" + i);
        long t0 = System.nanoTime();
        PaymentResponse response = service.create(tenant, payment, key);
        long t1 = System.nanoTime();
        long inGateway = stub.lastCallNanos();
        if (response.transactionStatus() != TransactionStatus.SUCCEEDED) {
          throw new IllegalStateException("The stub's payment did not succeed: " + response);
        }
        long t2 = System.nanoTime();
        stub.purchase(PaymentRequest.builder()
            .credentials(GatewayCredentials.none()).idempotencyKey(key.derive("direct")).amount(payment.amount())
            .paymentMethod(payment.paymentMethod()).build());
        long t3 = System.nanoTime();
        if (i >= 0) {
          total[i] = (t1 - t0) / 1e6;
          added[i] = (t1 - t0 - inGateway) / 1e6;
          direct[i] = (t3 - t2) / 1e6;
        }
      }
      Percentiles addedP = Percentiles.of(added);
      Percentiles directP = Percentiles.of(direct);
      Percentiles totalP = Percentiles.of(total);
      report.note(String.format(Locale.ROOT,
          "%s: on %s (%s); %d payments after %d warm-up, one caller, stub sleeps %d ms; through the service p50 %.2f ms,"
              + " p99 %.2f ms; value = added time (service minus the stub's own time in the call), baseline = the stub called directly",
          figure, where, settings, payments, warmups, GATEWAY_DELAY.toMillis(), totalP.median(), totalP.at(99)));
      report.figure(new Figure(figure + "-p50", addedP.median(), "ms", directP.median(), "ms"));
      report.figure(new Figure(figure + "-p99", addedP.at(99), "ms", directP.at(99), "ms"));
    }
  }

  /**
   * A gateway that answers SUCCESS to everything after a fixed sleep, and remembers per thread how long
   * its last call took.
   */
  static final class DelayedGateway implements PaymentGateway {

    static final String ID = "delayed-stub";

    private final Duration delay;
    private final ThreadLocal<long[]> lastCall = ThreadLocal.withInitial(() -> new long[1]);
    private final GatewayCapabilities capabilities = GatewayCapabilities.builder()
        .currencies("EUR").manualCapture(true).partialCapture(true).partialRefund(true).build();

    DelayedGateway(Duration delay) {
      this.delay = delay;
    }

    /** Nanoseconds the calling thread's last call spent in this gateway. */
    long lastCallNanos() {
      return lastCall.get()[0];
    }

    @Override
    public String id() {
      return ID;
    }

    @Override
    public GatewayCapabilities capabilities() {
      return capabilities;
    }

    @Override
    public GatewayResult authorize(PaymentRequest request) {
      return answer("auth_" + request.idempotencyKey().value(), request.amount());
    }

    @Override
    public GatewayResult purchase(PaymentRequest request) {
      return answer("ch_" + request.idempotencyKey().value(), request.amount());
    }

    @Override
    public GatewayResult capture(CaptureRequest request) {
      return answer(request.gatewayReference(), request.amount());
    }

    @Override
    public GatewayResult voidAuthorization(VoidRequest request) {
      capabilities.requireVoid(); // declared unsupported: throws
      throw new IllegalStateException("unreachable");
    }

    @Override
    public GatewayResult refund(RefundRequest request) {
      return answer("re_" + request.idempotencyKey().value(), request.amount());
    }

    @Override
    public GatewayResult fetchStatus(StatusRequest request) {
      return answer(request.gatewayReference().orElse("status_" + request.idempotencyKey().value()), request.amount());
    }

    @Override
    public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
      throw WebhookRejectedException.signatureInvalid();
    }

    private GatewayResult answer(String reference, Money amount) {
      long started = System.nanoTime();
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted in the stub gateway", e);
      }
      GatewayResult result = GatewayResult.success(reference, amount);
      lastCall.get()[0] = System.nanoTime() - started;
      return result;
    }
  }
}
