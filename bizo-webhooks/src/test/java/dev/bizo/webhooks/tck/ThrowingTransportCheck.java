package dev.bizo.webhooks.tck;

import dev.bizo.core.http.SsrfGuard;
import dev.bizo.webhooks.AttemptResponse;
import dev.bizo.webhooks.WebhookSender;
import dev.bizo.webhooks.spi.WebhookTransport;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;

/**
 * The contract run on a transport with a common bug: it throws when no answer comes instead of reporting it. Not a
 * test of its own (no Test/IT suffix); {@link ContractCatchesBrokenTransportsTest} launches it and expects failures.
 */
class ThrowingTransportCheck extends WebhookTransportContract {

  private final WebhookSender sender =
      new WebhookSender(SsrfGuard.builder().allowHost("127.0.0.1").build(), Duration.ofSeconds(2));

  @Override
  protected WebhookTransport transport() {
    return (endpoint, message, at, timeout) -> {
      AttemptResponse response = sender.send(endpoint, message, at, timeout);
      if (response.error().isPresent()) {
        throw new UncheckedIOException(new ConnectException(response.error().get()));
      }
      return response;
    };
  }
}
