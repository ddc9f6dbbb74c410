package dev.bizo.tenancy;

import dev.bizo.testkit.TestDatabase;
import java.time.Clock;

/** Starts tenancy on a test database the production way, plus the stand-in widgets module. */
final class TestTenancy {

  static final PersistenceModule WIDGETS = PersistenceModule.of("widgets", Widget.class);

  private TestTenancy() {}

  static TenancyDatabase start(TestDatabase db) {
    return TenancyDatabase.builder()
        .jdbcUrl(db.jdbcUrl())
        .owner(db.user(), db.password())
        .app("bizo_tenancy_test_app", "app-secret")
        .poolSize(4)
        .module(WIDGETS)
        .verifyTenantClearedOnRelease(true)
        .clock(Clock.systemUTC())
        .start();
  }

  static Signup signup(String slug) {
    return new Signup("Tenant " + slug, slug, "owner@" + slug + ".example", "$argon2id$v=19$m=19456,t=2,p=1$fake$hash");
  }
}
