package dev.bizo.tenancy.auth;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.Signup;
import dev.bizo.tenancy.SignupResult;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Users;
import dev.bizo.testkit.TestDatabase;
import java.time.Clock;
import java.util.UUID;

/**
 * Tenancy started the production way for auth tests: migrations (tenancy's V1 and auth's V200) as the
 * owner, the pool as an application role without BYPASSRLS, and a check that no connection goes back
 * to the pool still carrying a tenant.
 */
final class AuthTestTenancy {

  final TenancyDatabase database;
  final AuditLog audit;
  final Users users;
  final Tenants tenants;

  private AuthTestTenancy(TenancyDatabase database) {
    this.database = database;
    Clock clock = Clock.systemUTC();
    this.audit = new AuditLog(database.transactions(), clock);
    this.users = new Users(database.transactions(), audit, clock);
    this.tenants = new Tenants(database.transactions(), users, audit, clock);
  }

  static AuthTestTenancy start(TestDatabase db) {
    return new AuthTestTenancy(TenancyDatabase.builder()
        .jdbcUrl(db.jdbcUrl())
        .owner(db.user(), db.password())
        .app("bizo_auth_test_app", "auth-test-app")
        .poolSize(4)
        .verifyTenantClearedOnRelease(true)
        .clock(Clock.systemUTC())
        .start());
  }

  /** Signs up a fresh tenant with a unique slug and an owner whose password hash is {@code ownerHash}. */
  SignupResult signup(String slugPrefix, String ownerEmail, String ownerHash) {
    String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return tenants.signup(new Signup("Tenant " + slug, slug, ownerEmail, ownerHash));
  }

  /** A fresh tenant whose owner has a placeholder hash. */
  TenantId newTenant() {
    return signup("t", "owner@example.test", "$argon2id$v=19$m=64,t=1,p=1$placeholder$placeholder").tenant().id();
  }

  void close() {
    database.close();
  }
}
