package dev.bizo.payments.paypal.internal;

import com.paypal.sdk.models.AuthorizationStatus;
import com.paypal.sdk.models.AuthorizationWithAdditionalData;
import com.paypal.sdk.models.CaptureStatus;
import com.paypal.sdk.models.CapturedPayment;
import com.paypal.sdk.models.LinkDescription;
import com.paypal.sdk.models.OrderStatus;
import com.paypal.sdk.models.OrdersCapture;
import com.paypal.sdk.models.PaymentAuthorization;
import com.paypal.sdk.models.PaymentCollection;
import com.paypal.sdk.models.PurchaseUnit;
import com.paypal.sdk.models.Refund;
import com.paypal.sdk.models.RefundStatus;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.NextAction;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Maps what PayPal answers (orders, authorizations, captures, refunds and their statuses) to {@link GatewayResult}s,
 * so the gateway class holds the calls and this one the reading of their answers.
 */
public final class PayPalResults {

  private PayPalResults() {}

  /** Reads an order the way the operation sees it. */
  public static GatewayResult orderResult(String orderId, OrderStatus status, List<LinkDescription> links,
      List<PurchaseUnit> units, GatewayOperation operation) {
    PaymentCollection payments = units == null || units.isEmpty() ? null : units.get(0).getPayments();
    if (payments != null && operation == GatewayOperation.AUTHORIZE
        && payments.getAuthorizations() != null && !payments.getAuthorizations().isEmpty()) {
      return authorizationResult(payments.getAuthorizations().get(0));
    }
    if (payments != null && operation == GatewayOperation.PURCHASE
        && payments.getCaptures() != null && !payments.getCaptures().isEmpty()) {
      OrdersCapture capture = payments.getCaptures().get(0);
      return captureResult(capture.getId(), capture.getStatus(), capture.getAmount(),
          capture.getStatusDetails() == null ? null : reason(capture.getStatusDetails().getReason()));
    }
    if (status == null) {
      return GatewayResult.unknown(orderId, "PayPal answered without an order status");
    }
    return switch (status) {
      case CREATED, SAVED, PAYER_ACTION_REQUIRED, APPROVED -> GatewayResult.pending(orderId, approvalLink(links).orElse(null));
      case VOIDED -> GatewayResult.declined(orderId, "ORDER_VOIDED", "The PayPal order was voided");
      default -> GatewayResult.unknown(orderId, "PayPal order " + status + " without a " + operation + " result");
    };
  }

  private static Optional<NextAction> approvalLink(List<LinkDescription> links) {
    if (links == null) {
      return Optional.empty();
    }
    for (String rel : List.of("payer-action", "approve")) {
      for (LinkDescription link : links) {
        if (rel.equals(link.getRel()) && link.getHref() != null) {
          return Optional.of(NextAction.approvalLink(URI.create(link.getHref())));
        }
      }
    }
    return Optional.empty();
  }

  /** An authorization as an order's payments report it. */
  public static GatewayResult authorizationResult(AuthorizationWithAdditionalData authorization) {
    return authorizationResult(authorization.getId(), authorization.getStatus(), authorization.getAmount(),
        authorization.getStatusDetails() == null ? null : reason(authorization.getStatusDetails().getReason()));
  }

  /** An authorization as Payments v2 reads it back. */
  public static GatewayResult authorizationStatus(PaymentAuthorization authorization) {
    return authorizationResult(authorization.getId(), authorization.getStatus(), authorization.getAmount(),
        authorization.getStatusDetails() == null ? null : reason(authorization.getStatusDetails().getReason()));
  }

  /** In the terms of AUTHORIZE: an authorization later captured or voided still happened. */
  private static GatewayResult authorizationResult(
      String id, AuthorizationStatus status, com.paypal.sdk.models.Money amount, String reason) {
    if (status == null) {
      return GatewayResult.unknown(id, "PayPal answered without an authorization status");
    }
    return switch (status) {
      case CREATED, CAPTURED, PARTIALLY_CAPTURED, VOIDED -> GatewayResult.success(id, PayPalAmounts.fromPayPal(amount));
      case PENDING -> GatewayResult.pending(id, null);
      case DENIED -> GatewayResult.declined(id, reason == null ? "DENIED" : reason, "PayPal denied the authorization");
      default -> GatewayResult.unknown(id, "unexpected authorization status " + status);
    };
  }

  /** A capture as Payments v2 reads it back. */
  public static GatewayResult captureResult(CapturedPayment capture) {
    return captureResult(capture, null);
  }

  /** A capture just made for {@code requested}, which stands in for an amount a minimal answer left out. */
  public static GatewayResult captureResult(CapturedPayment capture, Money requested) {
    com.paypal.sdk.models.Money amount = capture.getAmount();
    if (amount == null && requested != null) {
      amount = PayPalAmounts.toPayPal(requested); // a minimal representation omits the amount it captured
    }
    return captureResult(capture.getId(), capture.getStatus(), amount,
        capture.getStatusDetails() == null ? null : reason(capture.getStatusDetails().getReason()));
  }

  private static GatewayResult captureResult(
      String id, CaptureStatus status, com.paypal.sdk.models.Money amount, String reason) {
    if (status == null) {
      return GatewayResult.unknown(id, "PayPal answered without a capture status");
    }
    return switch (status) {
      case COMPLETED, PARTIALLY_REFUNDED, REFUNDED -> GatewayResult.success(id, PayPalAmounts.fromPayPal(amount));
      case PENDING -> GatewayResult.pending(id, null);
      case DECLINED, FAILED ->
          GatewayResult.declined(id, reason == null ? status.value() : reason, "PayPal " + status.value() + " the capture");
      default -> GatewayResult.unknown(id, "unexpected capture status " + status);
    };
  }

  /** A refund, made or read back. */
  public static GatewayResult refundResult(Refund refund) {
    RefundStatus status = refund.getStatus();
    if (status == null) {
      return GatewayResult.unknown(refund.getId(), "PayPal answered without a refund status");
    }
    String reason = refund.getStatusDetails() == null ? null : reason(refund.getStatusDetails().getReason());
    return switch (status) {
      case COMPLETED -> GatewayResult.success(refund.getId(), PayPalAmounts.fromPayPal(refund.getAmount()));
      case PENDING -> GatewayResult.pending(refund.getId(), null);
      case CANCELLED, FAILED -> GatewayResult.declined(refund.getId(), reason == null ? status.value() : reason, "The refund " + status.value());
      default -> GatewayResult.unknown(refund.getId(), "unexpected refund status " + status);
    };
  }

  /** PayPal's {@code status_details.reason}, when it gave one. */
  private static String reason(Object reason) {
    return reason == null ? null : reason.toString();
  }
}
