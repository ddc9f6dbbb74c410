package dev.bizo.server.payments;

import dev.bizo.core.Money;
import dev.bizo.payments.Payment;
import dev.bizo.payments.PaymentHistoryEntry;
import dev.bizo.payments.PaymentPage;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentSummary;
import dev.bizo.payments.Transaction;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.NextAction;
import java.util.Currency;
import java.util.List;

/** The JSON shapes of the payments API; amounts are always minor units with their currency. */
public final class PaymentViews {

  private PaymentViews() {}

  /**
   * An amount.
   *
   * @param minorUnits the amount in the currency's minor units, e.g. 1999 for EUR 19.99
   * @param currency ISO 4217 code
   * @param amount the same amount as a decimal string, for display
   */
  public record MoneyView(long minorUnits, String currency, String amount) {
    static MoneyView of(Money money) {
      return new MoneyView(money.minorUnits(), money.currency().getCurrencyCode(), money.toDecimal().toPlainString());
    }
  }

  /**
   * What the customer must do while the payment is PENDING.
   *
   * @param type {@code REDIRECT}, {@code CLIENT_SECRET} or {@code APPROVAL_LINK}
   * @param value the URL or the client secret
   */
  public record NextActionView(String type, String value) {
    static NextActionView of(NextAction action) {
      return new NextActionView(action.type().name(), action.value());
    }
  }

  /**
   * The answer to a money-moving call; a replay with the same {@code Idempotency-Key} returns the same one.
   *
   * @param paymentId the payment
   * @param gateway the gateway that handled the call
   * @param status the payment's status right after the call
   * @param amount the payment's amount
   * @param transactionId the transaction the call created
   * @param transactionStatus {@code SUCCEEDED}, {@code DECLINED}, {@code PENDING}, {@code UNKNOWN}, ...
   * @param transactionAmount the amount of that transaction
   * @param gatewayReference the gateway's reference, once known
   * @param declineCode the gateway's decline code, or {@code gateway.unreachable}
   * @param message the decline message or why the outcome is unknown
   * @param nextAction what the customer must do while PENDING
   */
  public record ResultView(
      String paymentId, String gateway, String status, MoneyView amount, String transactionId, String transactionStatus,
      MoneyView transactionAmount, String gatewayReference, String declineCode, String message, NextActionView nextAction) {
    static ResultView of(PaymentResponse r) {
      return new ResultView(
          r.paymentId().toString(), r.gatewayId(), r.status().name(), MoneyView.of(r.amount()), r.transactionId().toString(),
          r.transactionStatus().name(), MoneyView.of(r.transactionAmount()), r.gatewayReference().orElse(null),
          r.declineCode().orElse(null), r.message().orElse(null), r.nextAction().map(NextActionView::of).orElse(null));
    }
  }

  /**
   * One gateway operation of a payment.
   *
   * @param id the transaction id
   * @param operation {@code AUTHORIZE}, {@code PURCHASE}, {@code CAPTURE}, {@code VOID} or {@code REFUND}
   * @param status where it stands
   * @param amount its amount
   * @param gatewayReference the gateway's id for it
   * @param declineCode the decline code, when declined
   * @param message the decline message or why it is unknown
   * @param createdAt when it started
   * @param updatedAt when its status last changed
   */
  public record TransactionView(
      String id, String operation, String status, MoneyView amount, String gatewayReference, String declineCode,
      String message, String createdAt, String updatedAt) {
    static TransactionView of(Transaction t) {
      return new TransactionView(
          t.id().toString(), t.operation().name(), t.status().name(), MoneyView.of(t.amount()),
          t.gatewayReference().orElse(null), t.declineCode().orElse(null), t.message().orElse(null),
          t.createdAt().toString(), t.updatedAt().toString());
    }
  }

  /**
   * One status change.
   *
   * @param at when
   * @param from the status before, absent for the first entry
   * @param to the status after
   * @param note why
   */
  public record HistoryView(String at, String from, String to, String note) {
    static HistoryView of(PaymentHistoryEntry e) {
      return new HistoryView(e.at().toString(), e.from().map(Enum::name).orElse(null), e.to().name(), e.note());
    }
  }

  /**
   * A payment with its transactions and history.
   *
   * @param id the payment id
   * @param gateway the gateway it lives on
   * @param status its status
   * @param amount the amount asked for
   * @param authorized the amount authorized
   * @param captured the amount captured
   * @param refunded the amount refunded
   * @param refundable what may still be refunded
   * @param transactions its gateway operations, oldest first
   * @param history its status changes, oldest first
   */
  public record PaymentView(
      String id, String gateway, String status, MoneyView amount, MoneyView authorized, MoneyView captured,
      MoneyView refunded, MoneyView refundable, List<TransactionView> transactions, List<HistoryView> history) {
    static PaymentView of(Payment p) {
      return new PaymentView(
          p.id().toString(), p.gatewayId(), p.status().name(), MoneyView.of(p.amount()), MoneyView.of(p.authorizedAmount()),
          MoneyView.of(p.capturedAmount()), MoneyView.of(p.refundedAmount()), MoneyView.of(p.refundableAmount()),
          p.transactions().stream().map(TransactionView::of).toList(), p.history().stream().map(HistoryView::of).toList());
    }
  }

  /**
   * A payment in a list.
   *
   * @param id the payment id
   * @param gateway its gateway
   * @param amount its amount
   * @param status its status
   * @param createdAt when it was created
   */
  public record SummaryView(String id, String gateway, MoneyView amount, String status, String createdAt) {
    static SummaryView of(PaymentSummary s) {
      return new SummaryView(s.id().toString(), s.gatewayId(), MoneyView.of(s.amount()), s.status().name(), s.createdAt().toString());
    }
  }

  /**
   * One page of payments.
   *
   * @param items the payments, oldest first
   * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
   */
  public record PageView(List<SummaryView> items, String nextCursor) {
    static PageView of(PaymentPage page) {
      return new PageView(page.items().stream().map(SummaryView::of).toList(), page.nextCursor().orElse(null));
    }
  }

  /**
   * What a gateway can do.
   *
   * @param manualCapture authorize now, capture later
   * @param partialCapture capture less than authorized
   * @param partialRefund refund part of a capture
   * @param voidAuthorization release an authorization
   * @param redirects may ask the customer to complete a redirect (3-D Secure)
   * @param currencies the currencies it settles
   */
  public record CapabilitiesView(
      boolean manualCapture, boolean partialCapture, boolean partialRefund, boolean voidAuthorization, boolean redirects,
      List<String> currencies) {
    static CapabilitiesView of(GatewayCapabilities c) {
      return new CapabilitiesView(
          c.manualCapture(), c.partialCapture(), c.partialRefund(), c.voidAuthorization(), c.redirects(),
          c.currencies().stream().map(Currency::getCurrencyCode).sorted().toList());
    }
  }

  /**
   * An installed gateway.
   *
   * @param id the id to name in {@code POST /payments} and the credentials path
   * @param displayName a human name
   * @param simulator whether it is a simulator that moves no money
   * @param configured whether it can be used for this tenant: credentials stored, or none needed (simulator)
   * @param defaultGateway whether new payments use it unless they name another
   * @param credentialNames names of the credentials this tenant stored (never their values)
   * @param capabilities what it can do
   */
  public record GatewayView(
      String id, String displayName, boolean simulator, boolean configured, boolean defaultGateway, List<String> credentialNames,
      CapabilitiesView capabilities) {}
}
