package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.testkit.Eventually;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServices
class ApiKeysIT {

  static final ApiKeyScope LEADS_READ = ApiKeyScope.of("crm:leads:read");
  static final ApiKeyScope LEADS_WRITE = ApiKeyScope.of("crm:leads:write");

  private static AuthTestTenancy tenancy;
  private static TestDatabase database;

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private TenantId tenant;

  @BeforeAll
  static void start(TestDatabase db) {
    database = db;
    tenancy = AuthTestTenancy.start(db);
  }

  @AfterAll
  static void stop() {
    assertThat(tenancy.database.tenantLeaksOnRelease()).as("connections returned with a tenant").isZero();
    tenancy.close();
  }

  @BeforeEach
  void freshTenant() {
    tenant = tenancy.newTenant();
  }

  private ApiKeys keys() {
    return new ApiKeys(tenancy.database.transactions(), clock);
  }

  @Test
  void creates_a_prefixed_key_shown_once_and_stores_only_its_digest() throws Exception {
    IssuedApiKey issued = keys().create(tenant, NewApiKey.of("zapier", Set.of(LEADS_READ)).createdBy("user-7"));

    assertThat(issued.secretKey()).matches("bz_live_[0-9a-f]{44}_[A-Za-z0-9_-]{43}");
    assertThat(issued.secretKey()).contains(issued.key().keyId());
    String secret = issued.secretKey().substring("bz_live_".length() + 44 + 1);
    assertThat(secret).hasSize(43);
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from auth_api_key where key_id = '" + issued.key().keyId() + "'")) {
      assertThat(rs.next()).isTrue();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secret);
      }
      assertThat(rs.getBytes("secret_hash")).hasSize(32);
    }
    assertThat(issued.toString()).doesNotContain(issued.secretKey()).doesNotContain(secret);
  }

  @Test
  void authenticates_a_key_into_a_principal_with_its_tenant_and_scopes() {
    IssuedApiKey issued = keys().create(tenant, NewApiKey.of("import", Set.of(LEADS_READ, LEADS_WRITE)));

    AuthPrincipal principal = keys().authenticate(issued.secretKey());

    assertThat(principal.kind()).isEqualTo(AuthPrincipal.Kind.API_KEY);
    assertThat(principal.tenant()).isEqualTo(tenant);
    assertThat(principal.subject()).isEqualTo(issued.key().keyId());
    assertThat(principal.scopes()).containsExactlyInAnyOrder(LEADS_READ, LEADS_WRITE);
    assertThat(principal.roles()).isEmpty();
  }

  @Test
  void a_key_keeps_its_own_rate_limit_and_its_principal_carries_it() {
    IssuedApiKey limited = keys().create(tenant, NewApiKey.of("partner", Set.of(LEADS_READ)).limitedTo(5));
    IssuedApiKey unlimited = keys().create(tenant, NewApiKey.of("import", Set.of(LEADS_READ)));

    assertThat(limited.key().rateLimitPerMinute()).hasValue(5);
    assertThat(keys().find(tenant, limited.key().keyId()).orElseThrow().rateLimitPerMinute()).hasValue(5);
    assertThat(keys().authenticate(limited.secretKey()).rateLimitPerMinute()).hasValue(5);
    assertThat(keys().list(tenant)).filteredOn(k -> k.keyId().equals(unlimited.key().keyId()))
        .singleElement().satisfies(k -> assertThat(k.rateLimitPerMinute()).isEmpty());
    assertThat(keys().authenticate(unlimited.secretKey()).rateLimitPerMinute()).isEmpty();
    assertThatThrownBy(() -> NewApiKey.of("zero", Set.of(LEADS_READ)).limitedTo(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enforces_scopes() {
    AuthPrincipal principal = keys().authenticate(keys().create(tenant, NewApiKey.of("ro", Set.of(LEADS_READ))).secretKey());

    principal.requireScope(LEADS_READ);
    assertThat(principal.hasScope(LEADS_WRITE)).isFalse();
    assertThatThrownBy(() -> principal.requireScope(LEADS_WRITE))
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("auth.missing_scope");
  }

  @Test
  void validates_scope_names() {
    assertThatThrownBy(() -> ApiKeyScope.of("CRM:*")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiKeyScope.of("crm leads")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NewApiKey.of("none", Set.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_a_revoked_key_and_lists_it_as_revoked() {
    ApiKeys keys = keys();
    IssuedApiKey issued = keys.create(tenant, NewApiKey.of("old", Set.of(LEADS_READ)));
    keys.authenticate(issued.secretKey()); // cached now: revoking must drop it at once
    clock.advance(Duration.ofMinutes(1));

    ApiKey revoked = keys.revoke(tenant, issued.key().keyId());

    assertThat(revoked.revokedAt()).contains(clock.instant());
    assertRefused(() -> keys.authenticate(issued.secretKey()));
    assertThat(keys().list(tenant)).extracting(ApiKey::keyId).contains(issued.key().keyId());
    assertThatThrownBy(() -> keys().revoke(tenant, "nope")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void refuses_an_expired_key() {
    IssuedApiKey issued = keys().create(tenant,
        NewApiKey.of("temp", Set.of(LEADS_READ)).expiringAt(clock.instant().plus(Duration.ofHours(1))));
    assertThat(keys().authenticate(issued.secretKey()).tenant()).isEqualTo(tenant);

    clock.advance(Duration.ofHours(1));

    assertRefused(() -> keys().authenticate(issued.secretKey()));
  }

  @Test
  void refuses_a_wrong_secret_for_a_real_key_id_and_garbage_alike() {
    IssuedApiKey issued = keys().create(tenant, NewApiKey.of("k", Set.of(LEADS_READ)));
    String key = issued.secretKey();
    String wrongSecret = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

    assertRefused(() -> keys().authenticate(wrongSecret));
    assertRefused(() -> keys().authenticate("bz_live_nope"));
    assertRefused(() -> keys().authenticate(key.replace("bz_live_", "bz_test_")));
  }

  @Test
  void records_last_use_at_most_once_a_minute() {
    IssuedApiKey issued = keys().create(tenant, NewApiKey.of("k", Set.of(LEADS_READ)));
    assertThat(issued.key().lastUsedAt()).isEmpty();

    keys().authenticate(issued.secretKey());
    var firstUse = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    keys().authenticate(issued.secretKey());
    assertThat(keys().find(tenant, issued.key().keyId()).orElseThrow().lastUsedAt()).contains(firstUse);

    clock.advance(Duration.ofSeconds(30));
    keys().authenticate(issued.secretKey());
    assertThat(keys().find(tenant, issued.key().keyId()).orElseThrow().lastUsedAt()).contains(clock.instant());
  }

  @Test
  void keeps_keys_of_one_tenant_out_of_another_tenants_listing() {
    IssuedApiKey mine = keys().create(tenant, NewApiKey.of("mine", Set.of(LEADS_READ)));
    TenantId other = tenancy.newTenant();
    keys().create(other, NewApiKey.of("theirs", Set.of(LEADS_READ)));

    assertThat(keys().list(tenant)).extracting(ApiKey::name).contains("mine").doesNotContain("theirs");
    assertThat(keys().find(other, mine.key().keyId())).isEmpty();
    assertThatThrownBy(() -> keys().revoke(other, mine.key().keyId())).isInstanceOf(NotFoundException.class);
    assertThat(keys().authenticate(mine.secretKey()).tenant()).isEqualTo(tenant);
  }

  @Test
  void a_key_revoked_on_one_instance_is_refused_by_a_second_instance_within_a_second() throws Exception {
    // A second auth stack over the same database: its own pool, its own ApiKeys and cache, as another replica has.
    AuthTestTenancy replica = AuthTestTenancy.start(database);
    try {
      ApiKeys first = new ApiKeys(tenancy.database.transactions(), Clock.systemUTC());
      ApiKeys second = new ApiKeys(replica.database.transactions(), Clock.systemUTC());
      IssuedApiKey issued = first.create(tenant, NewApiKey.of("shared", Set.of(LEADS_READ)));
      assertThat(first.authenticate(issued.secretKey()).tenant()).isEqualTo(tenant);
      assertThat(second.authenticate(issued.secretKey()).tenant()).isEqualTo(tenant); // now cached on the second

      first.revoke(tenant, issued.key().keyId());
      long revokedAt = System.nanoTime();

      assertRefused(() -> first.authenticate(issued.secretKey()));
      // the second instance's cached entry lapses within its TTL
      Eventually.within(Duration.ofSeconds(1), "refused by the second instance within 1 s of the revocation", () -> {
        try {
          second.authenticate(issued.secretKey());
          return false;
        } catch (AuthenticationException e) {
          return true;
        }
      });
      long after = System.nanoTime() - revokedAt;
      assertThat(Duration.ofNanos(after)).isLessThan(Duration.ofSeconds(1));
      assertRefused(() -> second.authenticate(issued.secretKey()));
    } finally {
      replica.close();
    }
  }

  @Test
  void serves_a_verified_key_from_its_cache_until_the_entry_lapses() throws Exception {
    FakeTicker ticker = new FakeTicker();
    ApiKeys cached = new ApiKeys(tenancy.database.transactions(), clock, Duration.ofMillis(500), ticker);
    IssuedApiKey issued = cached.create(tenant, NewApiKey.of("cached", Set.of(LEADS_READ)));
    assertThat(cached.authenticate(issued.secretKey()).tenant()).isEqualTo(tenant);
    revokeBehindItsBack(issued.key().keyId()); // as another replica would, without telling this one

    ticker.advance(Duration.ofMillis(499));
    assertThat(cached.authenticate(issued.secretKey()).tenant()).as("still cached").isEqualTo(tenant);
    String key = issued.secretKey();
    String wrongSecret = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    assertRefused(() -> cached.authenticate(wrongSecret));

    ticker.advance(Duration.ofMillis(1));
    assertRefused(() -> cached.authenticate(issued.secretKey()));
  }

  @Test
  void forget_drops_a_cached_key_and_cached_keys_still_expire_by_the_clock() throws Exception {
    FakeTicker ticker = new FakeTicker();
    ApiKeys cached = new ApiKeys(tenancy.database.transactions(), clock, Duration.ofMillis(500), ticker);
    IssuedApiKey revokedElsewhere = cached.create(tenant, NewApiKey.of("forgotten", Set.of(LEADS_READ)));
    cached.authenticate(revokedElsewhere.secretKey());
    revokeBehindItsBack(revokedElsewhere.key().keyId());

    cached.forget(revokedElsewhere.key().keyId());

    assertRefused(() -> cached.authenticate(revokedElsewhere.secretKey()));
    IssuedApiKey expiring = cached.create(tenant,
        NewApiKey.of("short", Set.of(LEADS_READ)).expiringAt(clock.instant().plus(Duration.ofSeconds(1))));
    cached.authenticate(expiring.secretKey());
    clock.advance(Duration.ofSeconds(1));
    assertRefused(() -> cached.authenticate(expiring.secretKey()));
  }

  @Test
  void refuses_a_cache_time_beyond_the_revocation_promise() {
    assertThatThrownBy(() -> new ApiKeys(tenancy.database.transactions(), clock, Duration.ofMillis(1001)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApiKeys(tenancy.database.transactions(), clock, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void revokeBehindItsBack(String keyId) throws Exception {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("update auth_api_key set revoked_at = now() where key_id = '" + keyId + "'")).isEqualTo(1);
    }
  }

  /** A cache time source the test moves by hand. */
  private static final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration by) {
      nanos.addAndGet(by.toNanos());
    }

    @Override
    public long read() {
      return nanos.get();
    }
  }

  private static void assertRefused(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("Invalid API key")
        .extracting(e -> ((AuthenticationException) e).code())
        .isEqualTo(AuthenticationException.INVALID_API_KEY);
  }
}
