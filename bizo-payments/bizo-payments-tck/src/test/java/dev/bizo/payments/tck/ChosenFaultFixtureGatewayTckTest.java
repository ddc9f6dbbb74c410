package dev.bizo.payments.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.payments.spi.PaymentMethod;

/**
 * The HTTP fixture with faults stubbed on chosen requests only ({@link ScenarioContext#stubFaultOn}): POSTs fail
 * while a separate GET stub stays in place beside the fault stub, and the timeout, 500 and reset tests still get
 * their UNKNOWN from the money-moving POST.
 */
class ChosenFaultFixtureGatewayTckTest extends FixtureGatewayTckTest {

  @Override
  protected PaymentMethod arrange(GatewayScenario scenario, ScenarioContext ctx) {
    switch (scenario) {
      case TIMEOUT:
      case SERVER_ERROR:
      case CONNECTION_RESET:
        ctx.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{\"lookup\":\"fine\"}")));
        ctx.stubFaultOn(post(anyUrl()));
        assertThat(ctx.wireMock().getStubMappings()).hasSize(2);
        return PaymentMethod.token("tok_fixture_visa");
      default:
        return super.arrange(scenario, ctx);
    }
  }
}
