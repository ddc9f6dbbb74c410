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
 * <p>The headline figure uses JDBC batches, which the SDK's pool sends as multi-row inserts; a second
 * line shows one statement per row, where the policy's setting lookup is paid for every row.
 *
 * <p>Arguments (optional): measuring seconds for batches (default 20), rows per transaction (default 500),
 * measuring seconds for one-statement-per-row inserts (default half the first).
 */
public final class RlsInsertThroughput {

  private static final int ROWS_PER_ROUND = 5_000;

  private RlsInsertThroughput() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    TestDatabase db = SharedPostgres.get().createDatabase();
    try (TenancyDatabase database =
        TenancyDatabase.builder()
            .jdbcUrl(db.jdbcUrl())
            .owner(db.user(), db.password())
            .app("bizo_bench_app", "bench")
            .poolSize(2)
            .module(new PersistenceModule("benchmarks", "classpath:db/migration/benchmarks", "flyway_history_benchmarks", List.of()))
            .start()) {
      Transactions tx = database.transactions();
      TenantId tenant = TenantId.generate();
      // warm up both paths (JIT, plan caches, first pages)
      for (int i = 0; i < 3; i++) {
        round(tx, tenant, "bench_rls", batch, true);
        round(tx, tenant, "bench_plain", batch, true);
        round(tx, tenant, "bench_rls", batch, false);
        round(tx, tenant, "bench_plain", batch, false);
      }
      Result batched = measure(tx, tenant, batch, true, seconds);
      System.out.printf(
          Locale.ROOT,
          "rls-insert-throughput: %.0f rows/s (baseline: %.0f rows/s, ratio: %.3f)%n",
          batched.rls(),
          batched.plain(),
          batched.ratio());
      System.out.printf(
          Locale.ROOT, "  ratio = median of paired rounds; ratio of the totals: %.3f%n", batched.rls() / batched.plain());
      System.out.printf(
          Locale.ROOT,
          "  batched JDBC inserts, %d rows per transaction, %d alternating rounds of %d rows%n",
          batch,
          batched.rounds(),
          ROWS_PER_ROUND);
      Result single = measure(tx, tenant, batch, false, args.length > 2 ? Double.parseDouble(args[2]) : seconds / 2);
      System.out.printf(
          Locale.ROOT,
          "  one statement per row: %.0f rows/s (baseline: %.0f rows/s, median ratio: %.3f), %d rounds%n",
          single.rls(),
          single.plain(),
          single.ratio(),
          single.rounds());
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
  private static Result measure(Transactions tx, TenantId tenant, int batch, boolean batched, double seconds) {
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
          rls = round(tx, tenant, "bench_rls", batch, batched);
        } else {
          plain = round(tx, tenant, "bench_plain", batch, batched);
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
    long rows = (long) pair * ROWS_PER_ROUND;
    return new Result(rows / (rlsNanos / 1e9), rows / (plainNanos / 1e9), median, pair * 2);
  }

  /** Inserts {@link #ROWS_PER_ROUND} rows into {@code table} for {@code tenant}; returns the time taken. */
  private static long round(Transactions tx, TenantId tenant, String table, int batch, boolean batched) {
    String sql = "insert into " + table + " (id, tenant_id, amount, note, created_at) values (?, ?, ?, ?, ?)";
    Timestamp now = Timestamp.from(Instant.now());
    long started = System.nanoTime();
    for (int done = 0; done < ROWS_PER_ROUND; done += batch) {
      int rows = Math.min(batch, ROWS_PER_ROUND - done);
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
