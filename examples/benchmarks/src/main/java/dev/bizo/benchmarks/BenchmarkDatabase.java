package dev.bizo.benchmarks;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.Signup;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.Users;
import dev.bizo.testkit.TestDatabase;
import java.time.Clock;

/** The database setup every in-process measurement shares: a fresh database, the SDK's roles, a signed-up tenant. */
public final class BenchmarkDatabase {

  private BenchmarkDatabase() {}

  /**
   * Bizo's persistence over {@code db}, connecting as a non-owner application role; add modules, then start.
   *
   * @param db a database of the test kit's shared PostgreSQL
   * @param poolSize the pool size
   * @return the builder
   */
  public static TenancyDatabase.Builder on(TestDatabase db, int poolSize) {
    return TenancyDatabase.builder().jdbcUrl(db.jdbcUrl()).owner(db.user(), db.password()).app("bizo_bench_app", "bench").poolSize(poolSize);
  }

  /**
   * Signs up a tenant under a unique slug starting {@code slugPrefix}; the owner's password hash is a placeholder.
   *
   * @param tx the transactions
   * @param name the tenant's name
   * @param slugPrefix the start of its slug
   * @return the tenant
   */
  public static TenantId signUp(Transactions tx, String name, String slugPrefix) {
    Clock clock = Clock.systemUTC();
    AuditLog audit = new AuditLog(tx, clock);
    Tenants tenants = new Tenants(tx, new Users(tx, audit, clock), audit, clock);
    String slug = slugPrefix + "-" + Long.toString(System.nanoTime(), 36);
    return tenants.signup(new Signup(name, slug, "owner@" + slug + ".test", "$argon2id$bench-placeholder")).tenant().id();
  }
}
