package dev.bizo.payments.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import java.util.Optional;

/**
 * The HTTP fixture carrying a digest of the key in a body field instead of a header, the way PayU carries its
 * 25-character {@code txnid}: proves the TCK reads keys through {@link #idempotencyKeyLocation(LoggedRequest)}
 * and compares them through {@link #forwardedKey}, so the forwarding tests pass only when the derived value
 * really travels in the body.
 */
class BodyFieldKeyFixtureGatewayTckTest extends FixtureGatewayTckTest {

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    return FixtureHttpGateway.keyInBody(
        environment.baseUrl(), environment.clientTimeout(), environment.clock(), expectedCapabilities());
  }

  @Override
  protected Optional<String> idempotencyKeyHeader() {
    return Optional.empty();
  }

  @Override
  protected Optional<IdempotencyKeyLocation> idempotencyKeyLocation(LoggedRequest request) {
    assertThat(request.containsHeader(FixtureHttpGateway.IDEMPOTENCY_HEADER)).as("no key header").isFalse();
    if (request.getMethod().getName().equals("GET")) {
      return Optional.empty();
    }
    return Optional.of(IdempotencyKeyLocation.jsonField("reference"));
  }

  @Override
  protected String forwardedKey(IdempotencyKey key, GatewayOperation operation) {
    String derived = FixtureHttpGateway.bodyReference(key);
    assertThat(derived).as("the derivation differs from the key, so the hook is exercised").isNotEqualTo(key.value());
    return derived;
  }
}
