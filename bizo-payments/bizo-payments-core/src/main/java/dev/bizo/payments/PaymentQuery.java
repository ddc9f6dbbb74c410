package dev.bizo.payments;

import dev.bizo.core.ValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters and paging for {@link PaymentService#list}: payments ordered by creation time then id, optionally
 * of one status and one gateway, after an opaque cursor.
 *
 * <pre>{@code
 * PaymentQuery query = PaymentQuery.builder().status(PaymentStatus.CAPTURED).limit(50).build();
 * }</pre>
 */
public final class PaymentQuery {

  /** The largest page. */
  public static final int MAX_LIMIT = 200;

  private final PaymentStatus status;
  private final String gateway;
  private final String after;
  private final int limit;

  private PaymentQuery(Builder b) {
    this.status = b.status;
    this.gateway = b.gateway;
    this.after = b.after;
    this.limit = b.limit;
  }

  /** All payments, 50 a page. */
  public static Builder builder() {
    return new Builder();
  }

  /** Only payments in this status. */
  public Optional<PaymentStatus> status() {
    return Optional.ofNullable(status);
  }

  /** Only payments on this gateway. */
  public Optional<String> gateway() {
    return Optional.ofNullable(gateway);
  }

  /** The cursor of the previous page. */
  public Optional<String> after() {
    return Optional.ofNullable(after);
  }

  /** The page size. */
  public int limit() {
    return limit;
  }

  /** Builds a {@link PaymentQuery}. */
  public static final class Builder {
    private PaymentStatus status;
    private String gateway;
    private String after;
    private int limit = 50;

    private Builder() {}

    /** Filters by status. */
    public Builder status(PaymentStatus value) {
      this.status = Objects.requireNonNull(value, "status");
      return this;
    }

    /** Filters by gateway id. */
    public Builder gateway(String gatewayId) {
      this.gateway = Objects.requireNonNull(gatewayId, "gatewayId");
      return this;
    }

    /** Continues after the page that returned this cursor. */
    public Builder after(String cursor) {
      this.after = Objects.requireNonNull(cursor, "cursor");
      return this;
    }

    /**
     * The page size.
     *
     * @throws ValidationException unless 1 to {@value PaymentQuery#MAX_LIMIT}
     */
    public Builder limit(int value) {
      if (value < 1 || value > MAX_LIMIT) {
        throw ValidationException.ofField("limit", "out_of_range", "A page holds 1 to " + MAX_LIMIT + " payments");
      }
      this.limit = value;
      return this;
    }

    /** The query. */
    public PaymentQuery build() {
      return new PaymentQuery(this);
    }
  }
}
