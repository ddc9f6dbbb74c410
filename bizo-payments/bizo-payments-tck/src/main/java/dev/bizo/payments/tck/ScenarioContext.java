package dev.bizo.payments.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.bizo.core.Money;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a scenario needs to know, handed to {@link PaymentGatewayContractTest#arrange}: the amounts the
 * TCK will use, and the WireMock server to stub (for gateways that speak HTTP).
 */
public final class ScenarioContext {

  private final GatewayScenario scenario;
  private final Money amount;
  private final Money partialAmount;
  private final WireMockServer wireMock;
  private final URI baseUrl;
  private final Duration clientTimeout;
  private final Duration delayPastTimeout;

  ScenarioContext(
      GatewayScenario scenario, Money amount, Money partialAmount, WireMockServer wireMock, URI baseUrl,
      Duration clientTimeout, Duration delayPastTimeout) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.amount = Objects.requireNonNull(amount, "amount");
    this.partialAmount = Objects.requireNonNull(partialAmount, "partialAmount");
    this.wireMock = wireMock;
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.clientTimeout = clientTimeout;
    this.delayPastTimeout = delayPastTimeout;
  }

  /** The scenario being arranged. */
  public GatewayScenario scenario() {
    return scenario;
  }

  /** The amount the TCK authorizes or purchases; stubs should answer with exactly this amount. */
  public Money amount() {
    return amount;
  }

  /** The smaller amount for partial captures and refunds. */
  public Money partialAmount() {
    return partialAmount;
  }

  /**
   * The WireMock server the gateway talks to in this test.
   *
   * @throws IllegalStateException when the test declared {@code usesHttp() == false}
   */
  public WireMockServer wireMock() {
    if (wireMock == null) {
      throw new IllegalStateException("This contract test declared usesHttp() false: there is no WireMock server");
    }
    return wireMock;
  }

  /** The base URL the gateway is built with in this test. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The client timeout gateways are built with. */
  public Duration clientTimeout() {
    return clientTimeout;
  }

  /** A response delay safely past {@link #clientTimeout()}. */
  public Duration delayPastTimeout() {
    return delayPastTimeout;
  }

  /**
   * Stubs every request to fail the way a fault scenario says: a response delayed past the client timeout
   * for {@link GatewayScenario#TIMEOUT}, HTTP 500 for {@link GatewayScenario#SERVER_ERROR}, a
   * {@link Fault#CONNECTION_RESET_BY_PEER} for {@link GatewayScenario#CONNECTION_RESET}. HTTP gateways can
   * arrange their fault scenarios with this one call.
   *
   * @throws IllegalStateException for a scenario that is not one of those three
   */
  public void stubFaultOnEveryRequest() {
    stubFaultOn(any(anyUrl()));
  }

  /**
   * As {@link #stubFaultOnEveryRequest()}, but only for requests matching {@code request}, so calls that move no
   * money (an OAuth token, a lookup) can keep answering normally from other stubs. A stub for them at a higher
   * priority (a lower {@code atPriority} number) wins over this one wherever both match.
   *
   * <pre>{@code
   * ctx.stubFaultOn(post(urlPathMatching("/v2/checkout/orders.*")));   // the token call still works
   * }</pre>
   *
   * @throws IllegalStateException for a scenario that is not a fault scenario
   */
  public void stubFaultOn(MappingBuilder request) {
    ResponseDefinitionBuilder response = switch (scenario) {
      case TIMEOUT -> aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")
          .withFixedDelay((int) delayPastTimeout.toMillis());
      case SERVER_ERROR -> aResponse().withStatus(500).withHeader("Content-Type", "application/json")
          .withBody("{\"error\":\"internal_error\"}");
      case CONNECTION_RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
      case AUTHORIZE_CAPTURE_REFUND, PURCHASE_REFUND, PARTIAL_CAPTURE, PARTIAL_REFUND, AUTHORIZE_VOID, DECLINE, REDIRECT,
          STATUS_AFTER_AUTHORIZE, CONNECTION_REFUSED ->
          throw new IllegalStateException(scenario + " is not a fault scenario");
    };
    wireMock().stubFor(request.willReturn(response));
  }
}
