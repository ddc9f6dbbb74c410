package dev.bizo.payments;

import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.PaymentMethod;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to take a payment through {@link PaymentService#create}.
 *
 * <pre>{@code
 * NewPayment request = NewPayment.builder(Money.of("49.90", "EUR"), PaymentMethod.token("pm_card_visa"))
 *     .captureMode(CaptureMode.MANUAL)
 *     .merchantReference("order-1042")
 *     .build();
 * }</pre>
 */
public final class NewPayment {

  private final Money amount;
  private final PaymentMethod paymentMethod;
  private final CaptureMode captureMode;
  private final String gateway;
  private final String merchantReference;
  private final String description;
  private final URI returnUrl;
  private final Map<String, String> metadata;

  private NewPayment(Builder b) {
    this.amount = b.amount;
    this.paymentMethod = b.paymentMethod;
    this.captureMode = b.captureMode;
    this.gateway = b.gateway;
    this.merchantReference = b.merchantReference;
    this.description = b.description;
    this.returnUrl = b.returnUrl;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  /**
   * Starts a request for {@code amount} paid with {@code paymentMethod}.
   *
   * @throws ValidationException when the amount is zero or negative
   */
  public static Builder builder(Money amount, PaymentMethod paymentMethod) {
    return new Builder(amount, paymentMethod);
  }

  /** The amount to take. */
  public Money amount() {
    return amount;
  }

  /** The customer's payment method token. */
  public PaymentMethod paymentMethod() {
    return paymentMethod;
  }

  /** Purchase now ({@link CaptureMode#AUTOMATIC}, the default) or authorize only. */
  public CaptureMode captureMode() {
    return captureMode;
  }

  /** A gateway the caller insists on; then no other gateway is tried. */
  public Optional<String> gateway() {
    return Optional.ofNullable(gateway);
  }

  /** The merchant's own reference, e.g. an order number. */
  public Optional<String> merchantReference() {
    return Optional.ofNullable(merchantReference);
  }

  /** A description for the gateway's records. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Where the customer returns after a redirect. */
  public Optional<URI> returnUrl() {
    return Optional.ofNullable(returnUrl);
  }

  /** Extra key-value pairs forwarded to the gateway. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Builds a {@link NewPayment}. */
  public static final class Builder {
    private final Money amount;
    private final PaymentMethod paymentMethod;
    private CaptureMode captureMode = CaptureMode.AUTOMATIC;
    private String gateway;
    private String merchantReference;
    private String description;
    private URI returnUrl;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder(Money amount, PaymentMethod paymentMethod) {
      this.amount = Objects.requireNonNull(amount, "amount");
      this.paymentMethod = Objects.requireNonNull(paymentMethod, "paymentMethod");
      if (!amount.isPositive()) {
        throw ValidationException.ofField("amount", "not_positive", "A payment amount must be positive, got " + amount);
      }
    }

    /** Purchase now or authorize only. */
    public Builder captureMode(CaptureMode mode) {
      this.captureMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sends the payment to this gateway only. */
    public Builder gateway(String gatewayId) {
      this.gateway = Objects.requireNonNull(gatewayId, "gatewayId");
      return this;
    }

    /** The merchant's reference. */
    public Builder merchantReference(String reference) {
      this.merchantReference = reference;
      return this;
    }

    /** A description. */
    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /** The return URL after a redirect. */
    public Builder returnUrl(URI url) {
      this.returnUrl = url;
      return this;
    }

    /** Adds a metadata entry. */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The request. */
    public NewPayment build() {
      return new NewPayment(this);
    }
  }
}
