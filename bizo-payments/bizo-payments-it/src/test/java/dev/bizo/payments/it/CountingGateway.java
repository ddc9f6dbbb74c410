package dev.bizo.payments.it;

import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The simulator as the service sees it, counting every call, so tests can prove what reached the gateway. */
final class CountingGateway implements PaymentGateway {

  private final PaymentGateway delegate;
  final AtomicInteger initialCalls = new AtomicInteger();
  final AtomicInteger followUpCalls = new AtomicInteger();
  final AtomicInteger statusCalls = new AtomicInteger();
  final AtomicInteger webhookVerifications = new AtomicInteger();
  /** Runs inside each purchase before the simulator answers, e.g. to change the payment meanwhile; null for none. */
  volatile Consumer<PaymentRequest> duringPurchase;

  CountingGateway(PaymentGateway delegate) {
    this.delegate = delegate;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public GatewayCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    initialCalls.incrementAndGet();
    return delegate.authorize(request);
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    initialCalls.incrementAndGet();
    Consumer<PaymentRequest> meanwhile = duringPurchase;
    if (meanwhile != null) {
      meanwhile.accept(request);
    }
    return delegate.purchase(request);
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    followUpCalls.incrementAndGet();
    return delegate.capture(request);
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    followUpCalls.incrementAndGet();
    return delegate.voidAuthorization(request);
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    followUpCalls.incrementAndGet();
    return delegate.refund(request);
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    statusCalls.incrementAndGet();
    return delegate.fetchStatus(request);
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    webhookVerifications.incrementAndGet();
    return delegate.verifyAndParseWebhook(request);
  }
}
