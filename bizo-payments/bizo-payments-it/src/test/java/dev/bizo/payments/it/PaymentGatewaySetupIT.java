package dev.bizo.payments.it;

import static dev.bizo.payments.it.PaymentsFixture.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.payments.GatewayCredentialsSource;
import dev.bizo.payments.PaymentQuery;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.PaymentSummary;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.WebhookOutcome;
import dev.bizo.payments.simulator.SignedWebhook;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.simulator.SimulatorWebhooks;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.SecretValue;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.net.ConnectException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Credentials from encrypted tenant secrets, and routing that falls back only past a gateway never reached. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentGatewaySetupIT {

  private PaymentsFixture fx;

  @BeforeAll
  void start(TestDatabase db) {
    fx = new PaymentsFixture(db, Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    assertThat(fx.database.tenantLeaksOnRelease()).isZero();
    fx.close();
  }

  @Test
  void webhook_secret_comes_from_the_tenants_encrypted_secrets() {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    TenantSecrets secrets = new TenantSecrets(
        fx.database.transactions(), MasterKeyring.of(master), new AuditLog(fx.database.transactions(), Clock.systemUTC()),
        Clock.systemUTC());
    TenantId tenant = fx.newTenant();
    secrets.put(tenant, "payments.simulator.webhook_secret", SecretValue.of("whsec_tenant_own"));
    secrets.put(tenant, "payments.stripe.api_key", SecretValue.of("sk_test_not_for_the_simulator"));
    GatewayCredentialsSource source = GatewayCredentialsSource.fromTenantSecrets(secrets);

    GatewayCredentials simulator = source.credentials(tenant, SimulatorGateway.ID);
    assertThat(simulator.find(SimulatorGateway.WEBHOOK_SECRET)).contains("whsec_tenant_own");
    assertThat(simulator.names()).containsExactly(SimulatorGateway.WEBHOOK_SECRET);

    PaymentService payments = fx.service(
        Clock.systemUTC(), source, RoutingPolicy.builder().defaultGateway(SimulatorGateway.ID).build());
    PaymentResponse paid = payments.create(tenant, card("5.00", SimulatorCards.SUCCESS), IdempotencyKey.random());
    String reference = paid.gatewayReference().orElseThrow();
    byte[] body = SimulatorWebhooks.eventBody(
        "evt_secret_" + reference, WebhookEventType.PAYMENT_CAPTURED, reference, paid.amount(), Instant.now());

    SignedWebhook withDefault = SimulatorWebhooks.sign(body, SimulatorGateway.DEFAULT_WEBHOOK_SECRET, Instant.now());
    assertThatThrownBy(() -> payments.handleWebhook(
            SimulatorGateway.ID, tenant, withDefault.body(), ReceivedHeaders.of(withDefault.headers())))
        .isInstanceOf(WebhookRejectedException.class);

    SignedWebhook withOwn = SimulatorWebhooks.sign(body, "whsec_tenant_own", Instant.now());
    assertThat(payments.handleWebhook(SimulatorGateway.ID, tenant, withOwn.body(), ReceivedHeaders.of(withOwn.headers())))
        .isEqualTo(WebhookOutcome.NO_CHANGE);
  }

  @Test
  void payment_falls_back_past_an_unreachable_gateway_and_lives_on_the_one_that_answered() {
    Down down = new Down();
    PaymentService payments = fx.service(
        Clock.systemUTC(), (tenant, gatewayId) -> GatewayCredentials.none(),
        RoutingPolicy.builder().defaultGateway("down").fallbacks(SimulatorGateway.ID).build(), down);
    TenantId tenant = fx.newTenant();

    PaymentResponse paid = payments.create(tenant, card("6.00", SimulatorCards.SUCCESS), IdempotencyKey.random());

    assertThat(down.calls.get()).isEqualTo(1);
    assertThat(paid.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(paid.gatewayId()).isEqualTo(SimulatorGateway.ID);
    assertThat(payments.get(tenant, paid.paymentId()).orElseThrow().gatewayId()).isEqualTo(SimulatorGateway.ID);
    assertThat(payments.list(tenant, PaymentQuery.builder().gateway(SimulatorGateway.ID).build()).items())
        .extracting(PaymentSummary::id).containsExactly(paid.paymentId());
  }

  /** A gateway whose every request is refused at connect time: provably never sent. */
  private static final class Down implements PaymentGateway {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String id() {
      return "down";
    }

    @Override
    public GatewayCapabilities capabilities() {
      return GatewayCapabilities.builder().manualCapture(true).currencies("EUR").build();
    }

    private GatewayResult refuse() {
      calls.incrementAndGet();
      throw new GatewayUnreachableException("down", "connection refused", new ConnectException("refused"));
    }

    @Override
    public GatewayResult authorize(PaymentRequest request) {
      return refuse();
    }

    @Override
    public GatewayResult purchase(PaymentRequest request) {
      return refuse();
    }

    @Override
    public GatewayResult capture(CaptureRequest request) {
      return refuse();
    }

    @Override
    public GatewayResult voidAuthorization(VoidRequest request) {
      return refuse();
    }

    @Override
    public GatewayResult refund(RefundRequest request) {
      return refuse();
    }

    @Override
    public GatewayResult fetchStatus(StatusRequest request) {
      return refuse();
    }

    @Override
    public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
      throw WebhookRejectedException.signatureInvalid();
    }
  }
}
