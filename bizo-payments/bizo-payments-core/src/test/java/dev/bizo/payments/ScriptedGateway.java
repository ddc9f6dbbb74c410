package dev.bizo.payments;

import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookRequest;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

/** A gateway whose every purchase answers with one scripted outcome, counting the calls that reached it. */
final class ScriptedGateway implements PaymentGateway {

  private final String id;
  private final GatewayCapabilities capabilities;
  private final GatewayResult answer;
  private final boolean unreachable;
  final List<PaymentRequest> received = new ArrayList<>();

  private ScriptedGateway(String id, String[] currencies, GatewayResult answer, boolean unreachable) {
    this.id = id;
    this.capabilities = GatewayCapabilities.builder().currencies(currencies).build();
    this.answer = answer;
    this.unreachable = unreachable;
  }

  static ScriptedGateway answering(String id, GatewayResult answer, String... currencies) {
    return new ScriptedGateway(id, currencies, answer, false);
  }

  static ScriptedGateway unreachable(String id, String... currencies) {
    return new ScriptedGateway(id, currencies, null, true);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public GatewayCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    capabilities.requireAcceptable("amount", request.amount());
    if (unreachable) {
      throw new GatewayUnreachableException(id, "connection refused", new ConnectException("refused"));
    }
    received.add(request);
    return answer;
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    capabilities.requireManualCapture();
    return purchase(request);
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    throw new UnsupportedOperationException("not scripted");
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    throw new UnsupportedOperationException("not scripted");
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    throw new UnsupportedOperationException("not scripted");
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    throw new UnsupportedOperationException("not scripted");
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    throw new UnsupportedOperationException("not scripted");
  }
}
