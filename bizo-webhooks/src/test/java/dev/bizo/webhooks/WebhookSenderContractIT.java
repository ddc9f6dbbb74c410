package dev.bizo.webhooks;

import dev.bizo.core.http.SsrfGuard;
import dev.bizo.webhooks.spi.WebhookTransport;
import dev.bizo.webhooks.tck.WebhookTransportContract;
import java.time.Duration;

/** The default transport, {@link WebhookSender}, keeps the transport contract (loopback allowed for the receiver). */
class WebhookSenderContractIT extends WebhookTransportContract {

  private final WebhookSender sender =
      new WebhookSender(SsrfGuard.builder().allowHost("127.0.0.1").build(), Duration.ofSeconds(2));

  @Override
  protected WebhookTransport transport() {
    return sender;
  }
}
