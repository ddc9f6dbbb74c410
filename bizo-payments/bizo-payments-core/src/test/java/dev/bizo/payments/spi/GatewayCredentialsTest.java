package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayCredentialsTest {

  private final GatewayCredentials credentials =
      GatewayCredentials.of(Map.of("secret_key", "sk_live_abc123", "webhook_secret", "whsec_xyz"));

  @Test
  void never_shows_values_in_to_string() {
    assertThat(credentials.toString())
        .contains("secret_key", "webhook_secret")
        .doesNotContain("sk_live_abc123", "whsec_xyz");
  }

  @Test
  void a_missing_secret_is_a_configuration_error_naming_it() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> credentials.require("api_key"));
    assertThat(e.code()).isEqualTo("gateway.credential_missing");
    assertThat(e.getMessage()).contains("api_key").doesNotContain("sk_live_abc123");
    assertThat(credentials.require("secret_key")).isEqualTo("sk_live_abc123");
    assertThat(credentials.find("api_key")).isEmpty();
  }

  @Test
  void payment_requests_do_not_leak_secrets_either() {
    PaymentRequest request = PaymentRequest.builder()
        .credentials(credentials)
        .idempotencyKey(IdempotencyKey.of("k"))
        .amount(dev.bizo.core.Money.of("1.00", "EUR"))
        .paymentMethod(PaymentMethod.token("4242424242424242"))
        .build();
    assertThat(request.toString()).doesNotContain("sk_live_abc123", "4242424242424242").contains("4242");
    assertThat(NextAction.clientSecret("pi_secret_777").toString()).doesNotContain("pi_secret_777");
  }
}
