package dev.bizo.payments;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of {@link PaymentService#list}, oldest first.
 *
 * @param items the payments on this page
 * @param nextCursor pass it to {@link PaymentQuery.Builder#after(String)} for the next page; empty on the last
 */
public record PaymentPage(List<PaymentSummary> items, Optional<String> nextCursor) {

  /** Copies the list. */
  public PaymentPage {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
