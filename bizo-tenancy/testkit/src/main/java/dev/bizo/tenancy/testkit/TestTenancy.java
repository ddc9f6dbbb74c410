package dev.bizo.tenancy.testkit;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.Signup;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Users;
import dev.bizo.testkit.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts Bizo persistence on a {@link TestDatabase} exactly as production does (migrations as the owner,
 * pool as a separate application role) with the pool-leak check switched on.
 *
 * <pre>{@code
 * @RealServices
 * class LeadRepositoryIT {
 *   @Test
 *   void stores_a_lead(TestDatabase db) {
 *     try (TenancyDatabase database = TestTenancy.start(db, PersistenceModule.of("crm", Lead.class))) {
 *       TenantId tenant = TestTenancy.newTenant(database);
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 */
public final class TestTenancy {

  /** The application role used by tests; roles are server-wide, so every test database shares it. */
  public static final String APP_ROLE = "bizo_test_app";

  private static final AtomicInteger SLUGS = new AtomicInteger();

  private TestTenancy() {}

  /** Migrates {@code db} with tenancy's and {@code modules}' migrations and opens a small pool. */
  public static TenancyDatabase start(TestDatabase db, PersistenceModule... modules) {
    return start(db, List.of(modules));
  }

  /** Migrates {@code db} with tenancy's and {@code modules}' migrations and opens a small pool. */
  public static TenancyDatabase start(TestDatabase db, List<PersistenceModule> modules) {
    Objects.requireNonNull(db, "db");
    TenancyDatabase.Builder builder =
        TenancyDatabase.builder()
            .jdbcUrl(db.jdbcUrl())
            .owner(db.user(), db.password())
            .app(APP_ROLE, "bizo-test-app")
            .poolSize(4)
            .verifyTenantClearedOnRelease(true);
    modules.forEach(builder::module);
    return builder.start();
  }

  /** Signs up a fresh tenant with a unique slug and returns its id. */
  public static TenantId newTenant(TenancyDatabase database) {
    Clock clock = Clock.systemUTC();
    AuditLog audit = new AuditLog(database.transactions(), clock);
    Tenants tenants = new Tenants(database.transactions(), new Users(database.transactions(), audit, clock), audit, clock);
    String slug = "t" + Long.toString(System.nanoTime(), 36) + "-" + SLUGS.incrementAndGet();
    return tenants.signup(new Signup("Test " + slug, slug, "owner@" + slug + ".test", "$argon2id$test-placeholder")).tenant().id();
  }
}
