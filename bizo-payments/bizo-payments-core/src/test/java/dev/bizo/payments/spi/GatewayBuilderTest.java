package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GatewayBuilderTest {

  private static final URI PRODUCTION = URI.create("https://api.example");

  /** The smallest builder a gateway writes. */
  private static final class Builder extends GatewayBuilder<Builder, PaymentGateway> {
    private Builder() {
      super(PRODUCTION, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Override
    public PaymentGateway build() {
      throw new UnsupportedOperationException("settings() is what this test reads");
    }
  }

  @Test
  void defaults_are_the_gateways_production_values_five_minutes_and_the_system_clock() {
    GatewaySettings settings = new Builder().settings();

    assertThat(settings.apiBase()).isEqualTo(PRODUCTION);
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.webhookTolerance()).isEqualTo(TimestampTolerance.DEFAULT);
    assertThat(settings.clock().getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void every_setting_can_be_changed_and_timeouts_sets_both() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    GatewaySettings settings = new Builder().apiBase(URI.create("http://127.0.0.1:1"))
        .timeouts(Duration.ofSeconds(2)).webhookTolerance(Duration.ofMinutes(1)).clock(fixed).settings();

    assertThat(settings.apiBase()).isEqualTo(URI.create("http://127.0.0.1:1"));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.tolerance()).isEqualTo(new TimestampTolerance(Duration.ofMinutes(1), fixed));
  }

  @Test
  void a_timeout_or_tolerance_that_is_not_positive_is_refused() {
    assertThatThrownBy(() -> new Builder().connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Builder().readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Builder().webhookTolerance(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Builder().apiBase(null)).isInstanceOf(NullPointerException.class);
  }
}
