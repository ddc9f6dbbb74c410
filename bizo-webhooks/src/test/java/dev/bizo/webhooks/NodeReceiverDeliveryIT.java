package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bizo.core.TenantId;
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
import dev.bizo.testkit.NodeHttpPeer;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outbox-driven delivery, on the test kit's real PostgreSQL, to a real Node.js receiver that has an {@code upgrade}
 * listener like n8n's: the JDK's default client offered it {@code Upgrade: h2c} and was never answered. The receiver
 * checks the static header (403 when wrong, as n8n's header auth does) and verifies the Standard Webhooks signature
 * itself in JavaScript.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeReceiverDeliveryIT {

  private static final AtomicInteger PATHS = new AtomicInteger();
  private static final String HEADER = "X-N8N-Auth";
  private static final String TOKEN = "n8n-header-auth-token";

  private TenancyDatabase database;
  private final byte[] masterKey = new byte[32];
  private NodeHttpPeer receiver;
  private MutableClock clock;
  private TenantId tenant;
  private Principal owner;
  private String path;
  private WebhookEndpoints webhooks;

  @BeforeAll
  void startDatabase(TestDatabase db) {
    new SplittableRandom(17).nextBytes(masterKey);
    database = TestTenancy.start(db, WebhooksPersistence.modules());
  }

  @AfterAll
  void stopDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @BeforeEach
  void startReceiver() throws Exception {
    assumeTrue(NodeHttpPeer.nodeAvailable(), NodeHttpPeer.NO_NODE);
    receiver = NodeHttpPeer.start();
    clock = MutableClock.startingAtNewYear();
    tenant = TestTenancy.newTenant(database);
    owner = Principal.of(tenant, "owner-1", Role.OWNER);
    path = "/webhook/" + PATHS.incrementAndGet();
    TenantSecrets secrets = new TenantSecrets(database.transactions(), MasterKeyring.of(masterKey),
        new AuditLog(database.transactions(), clock), clock);
    webhooks = WebhookEndpoints.builder(database.transactions(), secrets)
        .clock(clock)
        .random(new SplittableRandom(11))
        .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1")))
        .build();
  }

  @AfterEach
  void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  /** Registers the receiver's URL with the given static header value and tells the receiver the issued secret. */
  private RegisteredEndpoint registerWithHeaderValue(String value) {
    RegisteredEndpoint endpoint = webhooks.register(owner,
        EndpointRegistration.of(receiver.url(path), "lead.created").withStaticHeader(HEADER, value));
    receiver.webhook(path, endpoint.secret().encoded(), HEADER, TOKEN);
    return endpoint;
  }

  private DomainEvent commitLeadCreated() {
    DomainEvent event = DomainEvent.builder(tenant, "lead.created", clock).aggregate("lead", "L-1")
        .payload("{\"leadId\":\"L-1\",\"name\":\"Ada\"}").build();
    database.transactions().inTenantJdbc(tenant, c -> {
      Outbox.append(c, event);
      return null;
    });
    return event;
  }

  @Test
  void a_committed_event_reaches_a_node_receiver_with_an_upgrade_listener() {
    RegisteredEndpoint endpoint = registerWithHeaderValue(TOKEN);
    DomainEvent event = commitLeadCreated();

    DeliveryRun run = webhooks.deliverDue(tenant, 10);

    assertThat(run).isEqualTo(new DeliveryRun(1, 1, 1, 0, 0));
    assertThat(receiver.upgradesOffered()).isEmpty();
    assertThat(receiver.received()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo(path);
      assertThat(r.httpVersion()).isEqualTo("1.1");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("webhook-id")).contains(event.id().toString());
    });
    WebhookDeliveryRecord logged = webhooks.deliveries(owner, endpoint.endpoint().id(), 10).get(0);
    assertThat(logged.status()).isEqualTo(DeliveryState.Status.DELIVERED);
    assertThat(logged.attempts()).singleElement().satisfies(a -> assertThat(a.response().status()).hasValue(200));
  }

  @Test
  void a_wrong_static_header_is_retried_through_the_schedule_and_never_marked_delivered() {
    RegisteredEndpoint endpoint = registerWithHeaderValue("a-stale-token");
    commitLeadCreated();

    assertThat(webhooks.deliverDue(tenant, 10)).isEqualTo(new DeliveryRun(1, 1, 0, 1, 0));
    WebhookDeliveryRecord record = webhooks.deliveries(owner, endpoint.endpoint().id(), 1).get(0);
    assertThat(record.status()).isEqualTo(DeliveryState.Status.PENDING);
    for (int round = 0; round < 20 && record.nextAttemptAt().isPresent(); round++) {
      clock.set(record.nextAttemptAt().get());
      assertThat(webhooks.deliverDue(tenant, 10).delivered()).isZero();
      record = webhooks.deliveries(owner, endpoint.endpoint().id(), 1).get(0);
      assertThat(record.status()).isNotEqualTo(DeliveryState.Status.DELIVERED);
    }

    int scheduled = DeliveryPolicy.STANDARD.delays().size() + 1;
    assertThat(record.status()).isEqualTo(DeliveryState.Status.FAILED);
    assertThat(record.attempts()).hasSize(scheduled)
        .allSatisfy(a -> {
          assertThat(a.response().status()).hasValue(403);
          assertThat(a.verdict()).isEqualTo(DeliveryPolicy.Verdict.RETRY);
        });
    List<NodeHttpPeer.Received> requests = receiver.received();
    assertThat(requests).hasSize(scheduled).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header(HEADER)).contains("a-stale-token");
    });
  }

  @Test
  void headers_and_signature_are_exactly_standard_webhooks_as_the_node_receiver_verifies_them() {
    RegisteredEndpoint endpoint = registerWithHeaderValue(TOKEN);
    DomainEvent event = commitLeadCreated();

    webhooks.deliverDue(tenant, 10);

    NodeHttpPeer.Received request = receiver.received().get(0);
    assertThat(request.signature()).isEqualTo(NodeHttpPeer.Signature.VALID);
    assertThat(request.header("webhook-id")).contains(event.id().toString());
    assertThat(request.header("webhook-timestamp")).contains(Long.toString(clock.instant().getEpochSecond()));
    assertThat(request.header("webhook-signature")).hasValueSatisfying(
        s -> assertThat(s).matches("v1,[A-Za-z0-9+/]{43}="));
    assertThat(request.header(HEADER)).contains(TOKEN);
    assertThat(request.header("content-type")).contains("application/json");
    assertThat(request.body()).contains("\"type\":\"lead.created\"").contains("\"leadId\":\"L-1\"");
    assertThat(endpoint.secret().encoded()).startsWith("whsec_");
  }

  @Test
  void a_receiver_holding_another_secret_finds_the_signature_invalid() {
    registerWithHeaderValue(TOKEN);
    receiver.webhook(path, WebhookSecret.generate().encoded(), HEADER, TOKEN);
    commitLeadCreated();

    webhooks.deliverDue(tenant, 10);

    assertThat(receiver.received()).singleElement()
        .satisfies(r -> assertThat(r.signature()).isEqualTo(NodeHttpPeer.Signature.INVALID));
  }
}
