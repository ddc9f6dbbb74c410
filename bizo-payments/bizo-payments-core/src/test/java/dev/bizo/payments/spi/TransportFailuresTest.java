package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class TransportFailuresTest {

  @Test
  void connection_refused_unknown_host_and_connect_timeout_prove_nothing_was_sent() {
    for (IOException e : new IOException[] {
        new ConnectException("Connection refused"), new UnknownHostException("api.example"),
        new HttpConnectTimeoutException("connect timed out"), new IOException("wrapped", new ConnectException())}) {
      assertThatThrownBy(() -> TransportFailures.unknownOrThrowUnreachable("stripe", e))
          .as("%s", e).isInstanceOf(GatewayUnreachableException.class);
    }
  }

  @Test
  void a_read_timeout_or_reset_may_have_been_sent_and_is_unknown() {
    GatewayResult timeout = TransportFailures.unknownOrThrowUnreachable("stripe", new HttpTimeoutException("request timed out"));
    GatewayResult reset = TransportFailures.unknownOrThrowUnreachable("stripe", "pi_1", new SocketException("Connection reset"));
    assertThat(timeout.outcome()).isEqualTo(GatewayResult.Outcome.UNKNOWN);
    assertThat(reset.outcome()).isEqualTo(GatewayResult.Outcome.UNKNOWN);
    assertThat(reset.gatewayReference()).contains("pi_1");
    assertThat(reset.message()).hasValueSatisfying(m -> assertThat(m).contains("Connection reset"));
  }
}
