package dev.bizo.payments.spi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one way to build a gateway: every gateway has a static {@code builder()} returning a subclass of this,
 * with the {@link GatewaySettings} every remote gateway shares and the gateway's own settings beside them, and a
 * public no-argument constructor equal to {@code builder().build()} for {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * public static final class Builder extends GatewayBuilder<Builder, AcmePayGateway> {
 *   private Builder() {
 *     super(DEFAULT_BASE_URL, Duration.ofSeconds(10), Duration.ofSeconds(10));
 *   }
 *
 *   public AcmePayGateway build() {
 *     return new AcmePayGateway(settings());
 *   }
 * }
 *
 * AcmePayGateway gateway = AcmePayGateway.builder().apiBase(stub).timeouts(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter
 * @param <G> the gateway it builds
 */
public abstract class GatewayBuilder<B extends GatewayBuilder<B, G>, G extends PaymentGateway> {

  private URI apiBase;
  private Duration connectTimeout;
  private Duration readTimeout;
  private Duration webhookTolerance = TimestampTolerance.DEFAULT;
  private Clock clock = Clock.systemUTC();

  /**
   * A builder with the gateway's production defaults; the webhook tolerance defaults to
   * {@link TimestampTolerance#DEFAULT} and the clock to the system UTC clock.
   *
   * @param defaultApiBase the vendor's production API base
   * @param defaultConnectTimeout the connect timeout unless set
   * @param defaultReadTimeout the read timeout unless set
   */
  protected GatewayBuilder(URI defaultApiBase, Duration defaultConnectTimeout, Duration defaultReadTimeout) {
    this.apiBase = Objects.requireNonNull(defaultApiBase, "defaultApiBase");
    this.connectTimeout = GatewaySettings.positive(defaultConnectTimeout, "connectTimeout");
    this.readTimeout = GatewaySettings.positive(defaultReadTimeout, "readTimeout");
  }

  /** The API base, e.g. the vendor's sandbox or a stub server in tests. */
  public B apiBase(URI value) {
    this.apiBase = Objects.requireNonNull(value, "apiBase");
    return self();
  }

  /** The TCP connect timeout. */
  public B connectTimeout(Duration value) {
    this.connectTimeout = GatewaySettings.positive(value, "connectTimeout");
    return self();
  }

  /** The read timeout, after which an answer is UNKNOWN. */
  public B readTimeout(Duration value) {
    this.readTimeout = GatewaySettings.positive(value, "readTimeout");
    return self();
  }

  /** Sets both the connect and the read timeout to {@code value}. */
  public B timeouts(Duration value) {
    return connectTimeout(value).readTimeout(value);
  }

  /** How far a webhook's signed timestamp may be from now, either way; default five minutes. */
  public B webhookTolerance(Duration value) {
    this.webhookTolerance = GatewaySettings.positive(value, "webhookTolerance");
    return self();
  }

  /** The clock webhook timestamps are checked against; default the system UTC clock. */
  public B clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return self();
  }

  /** The gateway. */
  public abstract G build();

  /** The shared settings as set so far, for {@link #build()} and the gateway's no-argument constructor. */
  public final GatewaySettings settings() {
    return new GatewaySettings(apiBase, connectTimeout, readTimeout, webhookTolerance, clock);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
