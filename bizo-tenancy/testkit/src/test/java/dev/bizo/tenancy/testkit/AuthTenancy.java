package dev.bizo.tenancy.testkit;

import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.Signup;
import dev.bizo.tenancy.SignupResult;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Users;
import dev.bizo.testkit.TestDatabase;
import java.time.Clock;
import java.util.UUID;

/** Tenancy's services over a {@link TestTenancy} database, for the tests of the shipped auth implementations. */
final class AuthTenancy implements AutoCloseable {

  final TenancyDatabase database;
  final AuditLog audit;
  final Users users;
  final Tenants tenants;

  AuthTenancy(TestDatabase db) {
    this.database = TestTenancy.start(db);
    Clock clock = Clock.systemUTC();
    this.audit = new AuditLog(database.transactions(), clock);
    this.users = new Users(database.transactions(), audit, clock);
    this.tenants = new Tenants(database.transactions(), users, audit, clock);
  }

  /** Signs up a tenant with a unique slug starting with {@code slugPrefix}. */
  SignupResult signup(String slugPrefix, String ownerEmail, String ownerHash) {
    String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return tenants.signup(new Signup("Tenant " + slug, slug, ownerEmail, ownerHash));
  }

  @Override
  public void close() {
    database.close();
  }
}
