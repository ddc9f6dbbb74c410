package dev.bizo.agents.internal;

import dev.bizo.agents.PeriodReport;
import dev.bizo.agents.spi.ChannelStats;
import dev.bizo.agents.spi.LeadFigures;
import dev.bizo.agents.spi.PaymentAnalytics;
import dev.bizo.core.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report generator: figures come from the tools; a model writes only the narrative, and a narrative that
 * mentions a number not among the figures is sent back for repair.
 */
public final class ReportGeneratorBehaviour implements AgentBehaviour<PeriodReport> {

  /** What the model returns. */
  record Narrative(String narrative) {}

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

  @Override
  public PeriodReport run(StepContext ctx) {
    LeadFigures leads = ctx.use(MarketingTools.leadAnalytics(ctx), "{}", LeadFigures.class);
    PaymentAnalytics payments = ctx.use(MarketingTools.paymentAnalytics(ctx), "{}", PaymentAnalytics.class);
    PeriodReport.Metrics m = metrics(leads, payments);
    if (ctx.model().isPresent()) {
      String figures = Json.write(m);
      Set<String> allowed = numbersIn(figures + " " + ctx.task().period());
      Narrative n = ctx.model().get().converse(ctx.step(),
          AgentBehaviour.systemPrompt(ctx, "{\"narrative\":\"...\"}")
              + "\nUse only the figures given; do not compute new ones.",
          AgentBehaviour.userPrompt(ctx) + "\nFigures: " + figures, List.of(), Narrative.class, r -> {
            if (r.narrative() == null || r.narrative().isBlank()) {
              throw ValidationException.ofField("narrative", "output.blank", "narrative must not be blank");
            }
            for (String number : numbersIn(r.narrative())) {
              if (!allowed.contains(number) && !isSmallCount(number)) {
                throw ValidationException.ofField("narrative", "report.invented_number",
                    "the narrative mentions " + number + ", which is not among the figures; use only the given"
                        + " figures");
              }
            }
          });
      return new PeriodReport(ctx.task().period(), m, n.narrative());
    }
    String currency = m.grossRevenue().currency().getCurrencyCode();
    String narrative = "[offline template] " + ctx.task().period() + ": " + m.newLeads() + " new leads, "
        + m.qualifiedLeads() + " qualified, " + m.convertedLeads() + " converted ("
        + m.conversionRatePercent().toPlainString() + "%). Gross revenue " + m.grossRevenue().toDecimal()
        .toPlainString() + " " + currency + " from " + m.successfulPayments() + " payments; " + m.failedPayments()
        + " failed; " + m.refunds() + " refund(s) of " + m.refundedAmount().toDecimal().toPlainString() + " "
        + currency + "; net " + m.netRevenue().toDecimal().toPlainString() + " " + currency + "."
        + m.topChannel().map(c -> " Top channel: " + c + ".").orElse("");
    return new PeriodReport(ctx.task().period(), m, narrative);
  }

  static PeriodReport.Metrics metrics(LeadFigures leads, PaymentAnalytics payments) {
    BigDecimal rate = leads.newLeads() == 0 ? BigDecimal.ZERO.setScale(1)
        : BigDecimal.valueOf(100L * leads.convertedLeads())
            .divide(BigDecimal.valueOf(leads.newLeads()), 1, RoundingMode.HALF_UP);
    Optional<String> top = leads.channels().stream()
        .filter(c -> c.revenue().isPositive() || c.conversions() > 0)
        .max(Comparator.comparingLong((ChannelStats c) -> c.revenue().minorUnits())
            .thenComparingInt(ChannelStats::conversions))
        .map(ChannelStats::channel);
    return new PeriodReport.Metrics(leads.newLeads(), leads.qualifiedLeads(), leads.convertedLeads(), rate,
        payments.grossRevenue(), payments.refundedAmount(), payments.netRevenue(), payments.succeeded(),
        payments.failed(), payments.refunded(), top);
  }

  static Set<String> numbersIn(String text) {
    Set<String> numbers = new HashSet<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      String raw = m.group().replace(",", "");
      numbers.add(raw);
      if (raw.contains(".")) {
        numbers.add(raw.replaceAll("\\.?0+$", ""));
      }
    }
    return numbers;
  }

  private static boolean isSmallCount(String number) {
    return number.matches("\\d") || number.equals("10");
  }
}
