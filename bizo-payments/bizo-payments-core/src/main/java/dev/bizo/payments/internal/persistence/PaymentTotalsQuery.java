package dev.bizo.payments.internal.persistence;

import dev.bizo.core.Money;
import dev.bizo.payments.PaymentGrouping;
import dev.bizo.payments.PaymentReport;
import dev.bizo.payments.PaymentTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums a tenant's payments per currency and group in one statement, on the caller's connection (so under
 * the tenant's row-level security). Captured and refunded amounts come from the payments' successful
 * transactions, as {@link dev.bizo.payments.Payment#capturedAmount()} and {@code refundedAmount()} count them.
 */
public final class PaymentTotalsQuery {

  private PaymentTotalsQuery() {}

  /** The report of the payments created in {@code [from, to)}; days are calendar days in {@code zone}. */
  public static PaymentReport report(Connection c, Instant from, Instant to, PaymentGrouping groupBy, ZoneId zone)
      throws SQLException {
    boolean offset = zone.normalized() instanceof ZoneOffset;
    String key = switch (groupBy) {
      case STATUS -> "p.status";
      case GATEWAY -> "p.gateway_id";
      case DAY -> offset
          ? "to_char(((p.created_at at time zone 'UTC') + make_interval(secs => ?))::date, 'YYYY-MM-DD')"
          : "to_char((p.created_at at time zone ?)::date, 'YYYY-MM-DD')";
    };
    String sql = "select p.currency, " + key + " as grp, count(*), sum(p.amount_minor),"
        + " coalesce(sum(t.captured), 0), coalesce(sum(t.refunded), 0)"
        + " from payment p left join lateral (select"
        + "   sum(x.amount_minor) filter (where x.operation in ('PURCHASE', 'CAPTURE')) as captured,"
        + "   sum(x.amount_minor) filter (where x.operation = 'REFUND') as refunded"
        + "   from payment_transaction x where x.payment_id = p.id and x.status = 'SUCCEEDED') t on true"
        + " where p.created_at >= ? and p.created_at < ?"
        + " group by 1, 2 order by 1, 2";
    Map<String, List<PaymentTotals>> byCurrency = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      int i = 1;
      if (groupBy == PaymentGrouping.DAY) {
        if (offset) {
          p.setInt(i++, ((ZoneOffset) zone.normalized()).getTotalSeconds());
        } else {
          p.setString(i++, zone.getId());
        }
      }
      p.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      p.setObject(i, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String currency = rs.getString(1);
          byCurrency.computeIfAbsent(currency, k -> new ArrayList<>()).add(new PaymentTotals(rs.getString(2), rs.getLong(3),
              Money.ofMinor(rs.getLong(4), currency), Money.ofMinor(rs.getLong(5), currency), Money.ofMinor(rs.getLong(6), currency)));
        }
      }
    }
    List<PaymentReport.PerCurrency> currencies = new ArrayList<>();
    byCurrency.forEach((currency, groups) -> currencies.add(
        new PaymentReport.PerCurrency(Money.currency(currency), sum(currency, groups), groups)));
    return new PaymentReport(from, to, groupBy, currencies);
  }

  private static PaymentTotals sum(String currency, List<PaymentTotals> groups) {
    long payments = 0;
    Money amount = Money.ofMinor(0, currency);
    Money captured = amount;
    Money refunded = amount;
    for (PaymentTotals g : groups) {
      payments += g.payments();
      amount = amount.plus(g.amount());
      captured = captured.plus(g.captured());
      refunded = refunded.plus(g.refunded());
    }
    return new PaymentTotals("total", payments, amount, captured, refunded);
  }
}
