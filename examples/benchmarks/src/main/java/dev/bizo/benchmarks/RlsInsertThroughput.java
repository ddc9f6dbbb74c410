package dev.bizo.benchmarks;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.testkit.internal.SharedPostgres;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures what forced row-level security costs on inserts: rows per second into a table under Bizo's
 * tenant policy, as the application role with the tenant set, divided by the same for an identical table
 * without RLS. Same embedded PostgreSQL, same pool, same transaction API, one run. Rounds alternate
 * (RLS, plain, plain, RLS, ...) so drift from table growth or a busy machine hits both sides alike.
 *
 * <p>The headline figure ({@code rls-insert-throughput}) uses JDBC batches, which the SDK's pool sends as
 * multi-row inserts; {@code rls-insert-throughput-single-row} uses one statement per row, where the
 * policy's setting lookup is paid for every row. Each ratio is that of the totals; a note gives the median of
 * the paired rounds' ratios too (a load spike on a shared machine hits one pair, not the median).
 *
 * <p>Run alone: {@code java -cp ... dev.bizo.benchmarks.RlsInsertThroughput [--full | --tiny]}.
 */
public final class RlsInsertThroughput implements Measurement {

  private static final int BATCH = 500;

  public static void main(String[] args) throws Exception {
    new RlsInsertThroughput().run(Sizes.fromArgs(args), new Report(System.out));
    System.exit(0);
  }

  @Override
  public String name() {
    return "rls";
  }

  @Override
  public Duration bound(SuiteSize size) {
    return Duration.ofSeconds(size.ints(90, 120, 240));
  }

  @Override
  public void run(SuiteSize size, Report report) {
    double seconds = size.doubles(0.5, 8, 20);
    int rowsPerRound = size.ints(500, 5_000, 5_000);
    int warmups = size.ints(1, 3, 3);
    TestDatabase db = SharedPostgres.get().createDatabase();
    try (TenancyDatabase database =
        BenchmarkDatabase.on(db, 2)
            .module(new PersistenceModule("benchmarks", "classpath:db/migration/benchmarks", "flyway_history_benchmarks", List.of()))
            .start()) {
      Transactions tx = database.transactions();
      TenantId tenant = TenantId.generate();
      // warm up both paths (JIT, plan caches, first pages)
      for (int i = 0; i < warmups; i++) {
        round(tx, tenant, "bench_rls", rowsPerRound, true);
        round(tx, tenant, "bench_plain", rowsPerRound, true);
        round(tx, tenant, "bench_rls", rowsPerRound, false);
        round(tx, tenant, "bench_plain", rowsPerRound, false);
      }
      Result batched = measure(tx, tenant, rowsPerRound, true, seconds);
      report.note(String.format(Locale.ROOT,
          "rls: batched JDBC inserts, %d rows per transaction, %d alternating rounds of %d rows; median ratio of the pairs %.3f",
          BATCH, batched.rounds(), rowsPerRound, batched.ratio()));
      report.figure(Figure.of("rls-insert-throughput", batched.rls(), "rows/s", batched.plain()));
      Result single = measure(tx, tenant, rowsPerRound, false, seconds / 2);
      report.note(String.format(Locale.ROOT,
          "rls: one statement per row, %d rounds; median ratio of the pairs %.3f", single.rounds(), single.ratio()));
      report.figure(Figure.of("rls-insert-throughput-single-row", single.rls(), "rows/s", single.plain()));
    } finally {
      SharedPostgres.get().dropDatabase(db);
    }
  }

  /**
   * Totals per side, and the median of the per-pair ratios: a load spike on this shared machine hits one
   * pair, not the median.
   */
  private record Result(double rls, double plain, double ratio, int rounds) {}

  /** Alternates RLS and plain rounds (ABBA) until {@code seconds} have passed. */
  private static Result measure(Transactions tx, TenantId tenant, int rowsPerRound, boolean batched, double seconds) {
    long rlsNanos = 0;
    long plainNanos = 0;
    List<Double> ratios = new ArrayList<>();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    int pair = 0;
    while (System.nanoTime() < deadline || pair < 3) {
      boolean rlsFirst = pair % 2 == 0;
      long rls = 0;
      long plain = 0;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == rlsFirst) {
          rls = round(tx, tenant, "bench_rls", rowsPerRound, batched);
        } else {
          plain = round(tx, tenant, "bench_plain", rowsPerRound, batched);
        }
      }
      rlsNanos += rls;
      plainNanos += plain;
      ratios.add((double) plain / rls); // rows are equal, so the rate ratio is the inverse time ratio
      pair++;
    }
    Collections.sort(ratios);
    int n = ratios.size();
    double median = n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    long rows = (long) pair * rowsPerRound;
    return new Result(rows / (rlsNanos / 1e9), rows / (plainNanos / 1e9), median, pair * 2);
  }

  /** Inserts {@code rowsPerRound} rows into {@code table} for {@code tenant}; returns the time taken. */
  private static long round(Transactions tx, TenantId tenant, String table, int rowsPerRound, boolean batched) {
    int batch = BATCH;
    String sql = "insert into " + table + " (id, tenant_id, amount, note, created_at) values (?, ?, ?, ?, ?)";
    Timestamp now = Timestamp.from(Instant.now());
    long started = System.nanoTime();
    for (int done = 0; done < rowsPerRound; done += batch) {
      int rows = Math.min(batch, rowsPerRound - done);
      tx.inTenantJdbc(
          tenant,
          c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
              for (int i = 0; i < rows; i++) {
                s.setObject(1, Ids.newUuid());
                s.setObject(2, tenant.value());
                s.setLong(3, i);
                s.setString(4, "invoice line");
                s.setTimestamp(5, now);
                if (batched) {
                  s.addBatch();
                } else {
                  s.executeUpdate();
                }
              }
              return batched ? s.executeBatch().length : rows;
            }
          });
    }
    return System.nanoTime() - started;
  }
}
