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

/**
 * A gateway (id {@code crashy}) whose purchases reach the wrapped gateway, after which the caller's process
 * "dies" before it can store the answer: the platform must find out through reconciliation.
 */
final class CrashAfterSending implements PaymentGateway {

  /** Stands in for the process dying: an Error no service code catches. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("simulated crash after the request was sent");
    }
  }

  private final PaymentGateway delegate;

  CrashAfterSending(PaymentGateway delegate) {
    this.delegate = delegate;
  }

  @Override
  public String id() {
    return "crashy";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    delegate.authorize(request);
    throw new Crash();
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    delegate.purchase(request);
    throw new Crash();
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    return delegate.capture(request);
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    return delegate.voidAuthorization(request);
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    return delegate.refund(request);
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    return delegate.fetchStatus(request);
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    return delegate.verifyAndParseWebhook(request);
  }
}
