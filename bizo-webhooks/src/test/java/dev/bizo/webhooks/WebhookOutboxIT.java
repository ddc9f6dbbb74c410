package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.webhooks.internal.WebhookTables;
import dev.bizo.webhooks.testing.LocalReceiver;
import dev.bizo.webhooks.testing.StandardWebhooksVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outbox-driven webhook delivery against the test kit's real PostgreSQL and a real local HTTP receiver.
 * Every test has its own tenant, receiver and hand-driven clock.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookOutboxIT {

  private static final byte[] MASTER_KEY = new byte[32];
  private static final AtomicInteger PATHS = new AtomicInteger();

  private TestDatabase db;
  private TenancyDatabase database;
  private final List<TenancyDatabase> extraDatabases = new ArrayList<>();
  private LocalReceiver receiver;
  private MutableClock clock;
  private TenantId tenant;
  private Principal owner;
  private String path;

  @BeforeAll
  void startDatabase(TestDatabase testDatabase) {
    this.db = testDatabase;
    new SplittableRandom(7).nextBytes(MASTER_KEY);
    this.database = TestTenancy.start(db, WebhooksPersistence.modules());
  }

  @AfterAll
  void stopDatabase() {
    long leaks = database.tenantLeaksOnRelease();
    database.close();
    assertThat(leaks).isZero();
  }

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new LocalReceiver();
    clock = MutableClock.startingAtNewYear();
    tenant = TestTenancy.newTenant(database);
    owner = Principal.of(tenant, "owner-1", Role.OWNER);
    path = "/hooks/" + PATHS.incrementAndGet();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
    extraDatabases.forEach(TenancyDatabase::close);
    extraDatabases.clear();
  }

  private static TenantSecrets secrets(TenancyDatabase on, Clock clock) {
    return new TenantSecrets(on.transactions(), MasterKeyring.of(MASTER_KEY), new AuditLog(on.transactions(), clock), clock);
  }

  private WebhookEndpoints service(TenancyDatabase on) {
    return service(on, DeliveryPolicy.STANDARD);
  }

  private WebhookEndpoints service(TenancyDatabase on, DeliveryPolicy policy) {
    return WebhookEndpoints.builder(on.transactions(), secrets(on, clock))
        .clock(clock)
        .random(new SplittableRandom(11))
        .policy(policy)
        .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1")))
        .build();
  }

  private TenancyDatabase anotherProcess() {
    TenancyDatabase other = TestTenancy.start(db, WebhooksPersistence.modules());
    extraDatabases.add(other);
    return other;
  }

  private DomainEvent commitEvent(TenancyDatabase on, TenantId owner, String type, String payload) {
    DomainEvent event = DomainEvent.builder(owner, type, clock).aggregate("lead", "L-1").payload(payload).build();
    on.transactions().inTenantJdbc(owner, c -> {
      Outbox.append(c, event);
      return null;
    });
    return event;
  }

  private RegisteredEndpoint register(WebhookEndpoints webhooks, String... types) {
    return webhooks.register(owner, EndpointRegistration.of(receiver.url(path), types));
  }

  @Test
  void registration_returns_a_whsec_secret_once_and_stores_it_only_encrypted() throws Exception {
    WebhookEndpoints webhooks = service(database);

    RegisteredEndpoint registered = webhooks.register(owner,
        EndpointRegistration.of(receiver.url(path), "lead.created").withStaticHeader("X-N8N-Auth", "n8n-token-123"));

    assertThat(registered.secret().encoded()).startsWith("whsec_");
    assertThat(registered.secret().toString()).doesNotContain(registered.secret().encoded().substring(6));
    assertThat(registered.endpoint().staticHeaderName()).contains("X-N8N-Auth");
    assertThat(webhooks.list(owner)).containsExactly(registered.endpoint());
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select ciphertext from tenant_secret where tenant_id = '" + tenant.value() + "'")) {
      int rows = 0;
      while (r.next()) {
        rows++;
        String stored = new String(r.getBytes(1), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(registered.secret().encoded()).doesNotContain("n8n-token-123");
      }
      assertThat(rows).isEqualTo(2);
    }
  }

  @Test
  void loopback_private_and_metadata_urls_are_refused_unless_explicitly_allowed() {
    WebhookEndpoints strict = WebhookEndpoints.builder(database.transactions(), secrets(database, clock)).build();

    for (String url : List.of(receiver.url(path).toString(), "http://10.0.0.8/hook", "http://169.254.169.254/latest",
        "http://localhost:5678/webhook")) {
      assertThatThrownBy(() -> strict.register(owner, EndpointRegistration.of(URI.create(url))))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("webhook.url_refused"));
    }
    assertThat(strict.list(owner)).isEmpty();
    assertThat(service(database).register(owner, EndpointRegistration.of(receiver.url(path))).endpoint().enabled())
        .isTrue();
  }

  @Test
  void a_viewer_may_read_but_not_register_endpoints() {
    Principal viewer = Principal.of(tenant, "viewer-1", Role.VIEWER);
    WebhookEndpoints webhooks = service(database);

    assertThatThrownBy(() -> webhooks.register(viewer, EndpointRegistration.of(receiver.url(path))))
        .isInstanceOf(ForbiddenException.class);
    assertThat(webhooks.list(viewer)).isEmpty();
  }

  @Test
  void a_committed_event_is_posted_with_standard_webhooks_headers_that_verify_independently() throws Exception {
    WebhookEndpoints webhooks = service(database);
    RegisteredEndpoint endpoint = webhooks.register(owner,
        EndpointRegistration.of(receiver.url(path), "lead.created").withStaticHeader("X-N8N-Auth", "n8n-token-123"));
    DomainEvent event = commitEvent(database, tenant, "lead.created", "{\"leadId\":\"L-1\",\"name\":\"Ada\"}");

    DeliveryRun run = webhooks.deliverDue(tenant, 10);

    assertThat(run).isEqualTo(new DeliveryRun(1, 1, 1, 0, 0));
    LocalReceiver.Received request = receiver.received(path).get(0);
    assertThat(request.header("webhook-id")).isEqualTo(event.id().toString());
    assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    assertThat(request.header("x-n8n-auth")).isEqualTo("n8n-token-123");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body.get("type").asText()).isEqualTo("lead.created");
    assertThat(body.get("data").get("leadId").asText()).isEqualTo("L-1");
    assertThat(body.get("data").get("name").asText()).isEqualTo("Ada");
    Map<String, String> headers = Map.of("webhook-id", request.header("webhook-id"),
        "webhook-timestamp", request.header("webhook-timestamp"), "webhook-signature", request.header("webhook-signature"));
    assertThat(StandardWebhooksVerifier.verify(endpoint.secret().encoded(), headers, request.body(),
        clock.instant().getEpochSecond())).isTrue();
    assertThat(StandardWebhooksVerifier.verify(endpoint.secret().encoded(), headers, request.body().replace("Ada", "Eve"),
        clock.instant().getEpochSecond())).isFalse();
    WebhookDeliveryRecord logged = webhooks.deliveries(owner, endpoint.endpoint().id(), 10).get(0);
    assertThat(logged.status()).isEqualTo(DeliveryState.Status.DELIVERED);
    assertThat(logged.attempts()).singleElement().satisfies(a -> {
      assertThat(a.response().status()).hasValue(200);
      assertThat(a.verdict()).isEqualTo(DeliveryPolicy.Verdict.SUCCESS);
    });
    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(DeliveryRun.NOTHING);
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void a_rolled_back_change_sends_nothing_and_a_later_committed_one_is_still_found() {
    WebhookEndpoints webhooks = service(database);
    register(webhooks);
    DomainEvent event = DomainEvent.builder(tenant, "payment.succeeded", clock).aggregate("payment", "P-1").build();

    assertThatThrownBy(() -> database.transactions().inTenantJdbc(tenant, c -> {
      Outbox.append(c, event);
      throw new IllegalStateException("the change failed after writing its event");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(DeliveryRun.NOTHING);
    assertThat(receiver.received()).isEmpty();

    DomainEvent committed = commitEvent(database, tenant, "payment.succeeded", "{}");
    assertThat(webhooks.deliverDue(tenant, 10).delivered()).isEqualTo(1);
    assertThat(receiver.received(path)).extracting(r -> r.header("webhook-id"))
        .containsExactly(committed.id().toString());
  }

  @Test
  void events_committed_before_the_process_died_are_delivered_by_a_fresh_instance_after_restart() {
    TenancyDatabase first = anotherProcess();
    register(service(first));
    DomainEvent committed = commitEvent(first, tenant, "lead.created", "{\"leadId\":\"L-7\"}");
    first.close();                                   // died right after the commit, before any delivery
    extraDatabases.remove(first);

    WebhookEndpoints restarted = service(anotherProcess());
    DeliveryRun run = restarted.deliverDue(tenant, 10);

    assertThat(run.delivered()).isEqualTo(1);
    assertThat(receiver.received(path)).extracting(r -> r.header("webhook-id")).containsExactly(committed.id().toString());
  }

  @Test
  void an_attempt_claimed_by_a_replica_that_died_is_made_again_once_its_lease_expires() {
    WebhookEndpoints webhooks = service(database);
    RegisteredEndpoint endpoint = register(webhooks);
    DomainEvent event = commitEvent(database, tenant, "lead.created", "{}");
    TenancyDatabase dying = anotherProcess();
    dying.transactions().inTenantJdbc(tenant, c -> WebhookTables.fanOut(c, tenant, 10, clock.instant()));
    Instant leaseEnd = clock.instant().plus(Duration.ofMinutes(2));
    Optional<WebhookTables.Claimed> claimed =
        dying.transactions().inTenantJdbc(tenant, c -> WebhookTables.claimDue(c, tenant, clock.instant(), leaseEnd));
    assertThat(claimed).isPresent();
    dying.close();                                   // claimed, then died before sending or recording
    extraDatabases.remove(dying);

    assertThat(webhooks.deliverDue(tenant, 10).attempted()).isZero();
    WebhookDeliveryRecord inFlight = webhooks.deliveries(owner, endpoint.endpoint().id(), 1).get(0);
    assertThat(webhooks.redeliver(owner, inFlight.id()).nextAttemptAt()).contains(leaseEnd);
    clock.advance(Duration.ofMinutes(2));
    assertThat(webhooks.deliverDue(tenant, 10).delivered()).isEqualTo(1);
    assertThat(receiver.received(path)).extracting(r -> r.header("webhook-id")).containsExactly(event.id().toString());
  }

  @Test
  void failed_attempts_are_retried_with_exponential_backoff_and_jitter_on_the_injected_clock() {
    WebhookEndpoints webhooks = service(database);
    RegisteredEndpoint endpoint = register(webhooks);
    receiver.thenAnswer(503, 429, 200);
    commitEvent(database, tenant, "payment.failed", "{\"paymentId\":\"P-9\"}");
    Instant start = clock.instant();

    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(new DeliveryRun(1, 1, 0, 1, 0));
    assertThat(webhooks.deliverDue(tenant, 10).attempted()).isZero();
    clock.advance(Duration.ofMillis(3_900));                  // the first wait is 5 s +-20%: not yet
    assertThat(webhooks.deliverDue(tenant, 10).attempted()).isZero();
    clock.advance(Duration.ofMillis(2_200));                  // 6.1 s: due
    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(new DeliveryRun(0, 1, 0, 1, 0));
    clock.advance(Duration.ofMinutes(3));                     // the second wait is 5 min +-20%: not yet
    assertThat(webhooks.deliverDue(tenant, 10).attempted()).isZero();
    clock.advance(Duration.ofMinutes(3));
    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(new DeliveryRun(0, 1, 1, 0, 0));

    WebhookDeliveryRecord record = webhooks.deliveries(owner, endpoint.endpoint().id(), 10).get(0);
    assertThat(record.status()).isEqualTo(DeliveryState.Status.DELIVERED);
    assertThat(record.attempts()).extracting(a -> a.response().status().getAsInt()).containsExactly(503, 429, 200);
    assertThat(record.attempts()).extracting(DeliveryAttempt::verdict).containsExactly(
        DeliveryPolicy.Verdict.RETRY, DeliveryPolicy.Verdict.RETRY, DeliveryPolicy.Verdict.SUCCESS);
    assertThat(record.attempts().get(0).at()).isEqualTo(start);
    List<LocalReceiver.Received> requests = receiver.received(path);
    assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(record.eventId().toString());
    assertThat(requests).extracting(r -> r.header("webhook-timestamp")).doesNotHaveDuplicates();
    assertThat(requests).extracting(LocalReceiver.Received::body).containsOnly(requests.get(0).body());
  }

  @Test
  void the_schedule_gives_up_after_about_three_days_and_manual_redelivery_gets_one_more_attempt() {
    WebhookEndpoints webhooks = service(database);
    RegisteredEndpoint endpoint = register(webhooks);
    receiver.answerByDefault(500);
    commitEvent(database, tenant, "lead.status_changed", "{}");

    int attempts = 0;
    for (int round = 0; round < 20; round++) {
      attempts += webhooks.deliverDue(tenant, 10).attempted();
      webhooks.deliveries(owner, endpoint.endpoint().id(), 1).get(0).nextAttemptAt().ifPresent(clock::set);
    }

    WebhookDeliveryRecord failed = webhooks.deliveries(owner, endpoint.endpoint().id(), 10).get(0);
    assertThat(attempts).isEqualTo(DeliveryPolicy.STANDARD.maxAttempts()).isEqualTo(10);
    assertThat(failed.status()).isEqualTo(DeliveryState.Status.FAILED);
    assertThat(failed.nextAttemptAt()).isEmpty();
    Duration spread = Duration.between(failed.attempts().get(0).at(), failed.attempts().get(9).at());
    assertThat(spread).isGreaterThan(Duration.ofHours(60)).isLessThan(Duration.ofHours(92));
    for (int i = 1; i < failed.attempts().size(); i++) {
      Duration waited = Duration.between(failed.attempts().get(i - 1).at(), failed.attempts().get(i).at());
      Duration base = DeliveryPolicy.STANDARD.delays().get(i - 1);
      assertThat(waited).isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
    }

    receiver.answerByDefault(204);
    WebhookDeliveryRecord redelivered = webhooks.redeliver(owner, failed.id());
    assertThat(redelivered.status()).isEqualTo(DeliveryState.Status.PENDING);
    assertThat(webhooks.deliverDue(tenant, 10).delivered()).isEqualTo(1);
    WebhookDeliveryRecord after = webhooks.delivery(owner, failed.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(DeliveryState.Status.DELIVERED);
    assertThat(after.attempts()).hasSize(11);
  }

  @Test
  void gone_disables_the_endpoint_and_its_other_deliveries_are_not_sent() {
    WebhookEndpoints webhooks = service(database);
    RegisteredEndpoint endpoint = register(webhooks);
    receiver.answerByDefault(410);
    commitEvent(database, tenant, "lead.created", "{\"n\":1}");
    commitEvent(database, tenant, "lead.created", "{\"n\":2}");

    DeliveryRun run = webhooks.deliverDue(tenant, 10);

    assertThat(run.enqueued()).isEqualTo(2);
    assertThat(run.attempted()).isEqualTo(1);
    assertThat(receiver.received()).hasSize(1);
    WebhookEndpointInfo info = webhooks.find(owner, endpoint.endpoint().id()).orElseThrow();
    assertThat(info.enabled()).isFalse();
    assertThat(info.disabledReason()).contains("gone");
    List<WebhookDeliveryRecord> log = webhooks.deliveries(owner, endpoint.endpoint().id(), 10);
    assertThat(log).extracting(WebhookDeliveryRecord::status)
        .containsOnly(DeliveryState.Status.ENDPOINT_DISABLED);
    assertThat(log).flatExtracting(WebhookDeliveryRecord::attempts).singleElement()
        .satisfies(a -> assertThat(a.verdict()).isEqualTo(DeliveryPolicy.Verdict.DISABLE));

    commitEvent(database, tenant, "lead.created", "{\"n\":3}");
    clock.advance(Duration.ofDays(1));
    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(DeliveryRun.NOTHING);
    assertThatThrownBy(() -> webhooks.redeliver(owner, log.get(0).id()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("webhook.endpoint_disabled"));
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void a_receiver_slower_than_the_attempt_timeout_is_cut_off_and_retried() {
    DeliveryPolicy quick = new DeliveryPolicy(List.of(Duration.ofSeconds(5)), 0.2, Duration.ofMillis(500));
    WebhookEndpoints webhooks = service(database, quick);
    RegisteredEndpoint endpoint = register(webhooks);
    receiver.delayEachAnswer(Duration.ofSeconds(2));
    commitEvent(database, tenant, "lead.created", "{}");

    assertThat(webhooks.deliverDue(tenant, 10).retrying()).isEqualTo(1);

    DeliveryAttempt attempt = webhooks.deliveries(owner, endpoint.endpoint().id(), 1).get(0).attempts().get(0);
    assertThat(attempt.response().status()).isEmpty();
    assertThat(attempt.response().error()).hasValueSatisfying(e -> assertThat(e).contains("timed out"));
    assertThat(attempt.response().duration()).isLessThan(Duration.ofMillis(1_900));
  }

  @Test
  void endpoints_receive_only_their_event_types_and_only_their_tenants_events() {
    WebhookEndpoints webhooks = service(database);
    RegisteredEndpoint leadsOnly = webhooks.register(owner, EndpointRegistration.of(receiver.url(path + "/leads"), "lead.created"));
    webhooks.register(owner, EndpointRegistration.of(receiver.url(path + "/all")));
    TenantId other = TestTenancy.newTenant(database);
    commitEvent(database, tenant, "lead.created", "{}");
    commitEvent(database, tenant, "payment.refunded", "{}");
    commitEvent(database, other, "lead.created", "{\"tenant\":\"other\"}");

    assertThat(webhooks.deliverDue(tenant, 10).delivered()).isEqualTo(3);
    assertThat(webhooks.deliverDue(other, 10)).isEqualTo(DeliveryRun.NOTHING);

    assertThat(receiver.received(path + "/leads")).extracting(r -> r.body()).singleElement()
        .satisfies(b -> assertThat(b).contains("lead.created"));
    assertThat(receiver.received(path + "/all")).hasSize(2);
    assertThat(receiver.received()).noneMatch(r -> r.body().contains("other"));
    Principal otherOwner = Principal.of(other, "owner-2", Role.OWNER);
    assertThat(webhooks.list(otherOwner)).isEmpty();
    assertThat(webhooks.find(otherOwner, leadsOnly.endpoint().id())).isEmpty();
    assertThat(webhooks.deliveries(otherOwner, leadsOnly.endpoint().id(), 10)).isEmpty();
  }

  @Test
  void a_disabled_then_deleted_endpoint_gets_nothing_and_loses_its_secrets() throws Exception {
    WebhookEndpoints webhooks = service(database);
    RegisteredEndpoint endpoint = register(webhooks);
    webhooks.disable(owner, endpoint.endpoint().id());
    commitEvent(database, tenant, "lead.created", "{}");
    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(DeliveryRun.NOTHING);

    assertThat(webhooks.delete(owner, endpoint.endpoint().id())).isTrue();

    assertThat(webhooks.list(owner)).isEmpty();
    assertThat(webhooks.delete(owner, endpoint.endpoint().id())).isFalse();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from tenant_secret where tenant_id = '" + tenant.value() + "'")) {
      r.next();
      assertThat(r.getInt(1)).isZero();
    }
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void two_replicas_delivering_at_once_send_each_attempt_exactly_once() throws Exception {
    WebhookEndpoints first = service(database);
    WebhookEndpoints second = service(anotherProcess());
    register(first);
    receiver.delayEachAnswer(Duration.ofMillis(15));
    Set<String> eventIds = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      eventIds.add(commitEvent(database, tenant, "lead.created", "{\"n\":" + i + "}").id().toString());
    }

    ExecutorService replicas = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      Future<DeliveryRun> a = replicas.submit(() -> {
        go.await();
        return first.deliverDue(tenant, 100);
      });
      Future<DeliveryRun> b = replicas.submit(() -> {
        go.await();
        return second.deliverDue(tenant, 100);
      });
      go.countDown();
      DeliveryRun runA = a.get(60, TimeUnit.SECONDS);
      DeliveryRun runB = b.get(60, TimeUnit.SECONDS);

      assertThat(runA.enqueued() + runB.enqueued()).isEqualTo(30);
      assertThat(runA.delivered() + runB.delivered()).isEqualTo(30);
    } finally {
      replicas.shutdownNow();
    }
    List<String> received = receiver.received(path).stream().map(r -> r.header("webhook-id")).toList();
    assertThat(received).hasSize(30).doesNotHaveDuplicates();
    assertThat(Set.copyOf(received)).isEqualTo(eventIds);
    assertThat(first.deliverDue(tenant, 100)).isEqualTo(DeliveryRun.NOTHING);
    assertThat(UUID.fromString(received.get(0))).isNotNull();
  }
}
