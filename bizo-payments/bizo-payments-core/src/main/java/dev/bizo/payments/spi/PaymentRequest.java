package dev.bizo.payments.spi;

import dev.bizo.core.Money;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of {@link PaymentGateway#authorize} and {@link PaymentGateway#purchase}.
 *
 * <pre>{@code
 * PaymentRequest request = PaymentRequest.builder()
 *     .credentials(credentials)
 *     .idempotencyKey(IdempotencyKey.of("order-1042-pay"))
 *     .amount(Money.of("49.90", "EUR"))
 *     .paymentMethod(PaymentMethod.token("pm_card_visa"))
 *     .merchantReference("order-1042")
 *     .returnUrl(URI.create("https://shop.example/return"))
 *     .build();
 * }</pre>
 */
public final class PaymentRequest implements GatewayRequest {

  private final GatewayCredentials credentials;
  private final IdempotencyKey idempotencyKey;
  private final Money amount;
  private final PaymentMethod paymentMethod;
  private final String merchantReference;
  private final String description;
  private final URI returnUrl;
  private final Map<String, String> metadata;

  private PaymentRequest(Builder b) {
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
    this.idempotencyKey = Objects.requireNonNull(b.idempotencyKey, "idempotencyKey");
    this.amount = Objects.requireNonNull(b.amount, "amount");
    this.paymentMethod = Objects.requireNonNull(b.paymentMethod, "paymentMethod");
    this.merchantReference = b.merchantReference;
    this.description = b.description;
    this.returnUrl = b.returnUrl;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  /** Starts a request; credentials, key, amount and payment method are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder preset with this request's values, e.g. to change one field in a test. */
  public Builder toBuilder() {
    Builder b = new Builder()
        .credentials(credentials)
        .idempotencyKey(idempotencyKey)
        .amount(amount)
        .paymentMethod(paymentMethod);
    b.merchantReference = merchantReference;
    b.description = description;
    b.returnUrl = returnUrl;
    b.metadata.putAll(metadata);
    return b;
  }

  @Override
  public GatewayCredentials credentials() {
    return credentials;
  }

  @Override
  public IdempotencyKey idempotencyKey() {
    return idempotencyKey;
  }

  /** The amount to authorize or charge, in minor units; convert to the gateway's unit exactly. */
  public Money amount() {
    return amount;
  }

  /** The payment instrument token. */
  public PaymentMethod paymentMethod() {
    return paymentMethod;
  }

  /** The platform's reference (e.g. the payment id), for the gateway's dashboard and reconciliation. */
  public Optional<String> merchantReference() {
    return Optional.ofNullable(merchantReference);
  }

  /** A statement description. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Where the customer comes back after a redirect or approval. */
  public Optional<URI> returnUrl() {
    return Optional.ofNullable(returnUrl);
  }

  /** Extra key-value pairs to attach at the gateway. */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentRequest r
        && credentials.equals(r.credentials)
        && idempotencyKey.equals(r.idempotencyKey)
        && amount.equals(r.amount)
        && paymentMethod.equals(r.paymentMethod)
        && Objects.equals(merchantReference, r.merchantReference)
        && Objects.equals(description, r.description)
        && Objects.equals(returnUrl, r.returnUrl)
        && metadata.equals(r.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(idempotencyKey, amount, paymentMethod, merchantReference);
  }

  @Override
  public String toString() {
    return "PaymentRequest[key=" + idempotencyKey + ", amount=" + amount + ", method=" + paymentMethod
        + ", ref=" + merchantReference + ", credentials=" + credentials + "]";
  }

  /** Builds a {@link PaymentRequest}. */
  public static final class Builder {
    private GatewayCredentials credentials;
    private IdempotencyKey idempotencyKey;
    private Money amount;
    private PaymentMethod paymentMethod;
    private String merchantReference;
    private String description;
    private URI returnUrl;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** Required: the tenant's credentials. */
    public Builder credentials(GatewayCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Required: the key to forward. */
    public Builder idempotencyKey(IdempotencyKey idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** Required: the amount. */
    public Builder amount(Money amount) {
      this.amount = amount;
      return this;
    }

    /** Required: the payment instrument. */
    public Builder paymentMethod(PaymentMethod paymentMethod) {
      this.paymentMethod = paymentMethod;
      return this;
    }

    /** Optional: the platform's reference. */
    public Builder merchantReference(String merchantReference) {
      this.merchantReference = merchantReference;
      return this;
    }

    /** Optional: a statement description. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Optional: where the customer returns after a redirect. */
    public Builder returnUrl(URI returnUrl) {
      this.returnUrl = returnUrl;
      return this;
    }

    /** Optional: one metadata pair. */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The request.
     *
     * @throws NullPointerException when a required field is missing
     */
    public PaymentRequest build() {
      return new PaymentRequest(this);
    }
  }
}
