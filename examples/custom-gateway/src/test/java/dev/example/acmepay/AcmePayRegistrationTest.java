package dev.example.acmepay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.Providers;
import dev.bizo.payments.spi.PaymentGateway;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is installed by being on the class path: META-INF/services names it. */
class AcmePayRegistrationTest {

  @Test
  void service_loader_finds_acme_pay() {
    assertThat(ServiceLoader.load(PaymentGateway.class).stream().map(ServiceLoader.Provider::type))
        .contains(AcmePayGateway.class);
  }

  @Test
  void bizo_installs_it_by_its_id() {
    Providers<PaymentGateway> gateways = Providers.builder(PaymentGateway.class, PaymentGateway::id).build();

    PaymentGateway acme = gateways.require("acmepay");

    assertThat(acme).isInstanceOf(AcmePayGateway.class);
    assertThat(acme.displayName()).isEqualTo("Acme Pay");
    assertThat(acme.capabilities().simulator()).isFalse();
  }
}
