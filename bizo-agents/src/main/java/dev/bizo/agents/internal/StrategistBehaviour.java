package dev.bizo.agents.internal;

import dev.bizo.agents.StrategyPlan;
import dev.bizo.agents.spi.ChannelStats;
import dev.bizo.agents.spi.LeadFigures;
import dev.bizo.agents.spi.PaymentAnalytics;
import dev.bizo.agents.spi.SegmentStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Strategist: offline it splits budget by each channel's share of revenue (else conversions, else leads). */
public final class StrategistBehaviour implements AgentBehaviour<StrategyPlan> {

  static final String SHAPE = "{\"segments\":[{\"name\":\"...\",\"reason\":\"...\"}],"
      + "\"channels\":[{\"name\":\"...\",\"reason\":\"...\"}],"
      + "\"budget\":[{\"channel\":\"one of channels\",\"percent\":60,\"reason\":\"...\"}],"
      + "\"summary\":\"...\"}  (budget percents are whole numbers summing to 100)";

  @Override
  public StrategyPlan run(StepContext ctx) {
    if (ctx.model().isPresent()) {
      return ctx.model().get().converse(ctx.step(), AgentBehaviour.systemPrompt(ctx, SHAPE),
          AgentBehaviour.userPrompt(ctx),
          List.of(MarketingTools.leadAnalytics(ctx), MarketingTools.paymentAnalytics(ctx)),
          StrategyPlan.class, plan -> { });
    }
    LeadFigures leads = ctx.use(MarketingTools.leadAnalytics(ctx), "{}", LeadFigures.class);
    PaymentAnalytics payments = ctx.use(MarketingTools.paymentAnalytics(ctx), "{}", PaymentAnalytics.class);
    return offlinePlan(leads, payments);
  }

  static StrategyPlan offlinePlan(LeadFigures leads, PaymentAnalytics payments) {
    List<ChannelStats> active = leads.channels().stream().filter(c -> c.leads() > 0)
        .sorted(Comparator.comparingLong((ChannelStats c) -> c.revenue().minorUnits())
            .thenComparingInt(ChannelStats::conversions).thenComparingInt(ChannelStats::leads).reversed())
        .toList();
    List<StrategyPlan.Channel> channels = new ArrayList<>();
    List<StrategyPlan.BudgetShare> budget = new ArrayList<>();
    if (active.isEmpty()) {
      channels.add(new StrategyPlan.Channel("email", "no channel has leads yet; email is the cheapest test"));
      budget.add(new StrategyPlan.BudgetShare("email", 100, "single test channel until data arrives"));
    } else {
      long revenueTotal = active.stream().mapToLong(c -> Math.max(0, c.revenue().minorUnits())).sum();
      long conversionTotal = active.stream().mapToLong(ChannelStats::conversions).sum();
      String basis = revenueTotal > 0 ? "revenue" : conversionTotal > 0 ? "conversions" : "leads";
      long[] weights = active.stream()
          .mapToLong(c -> revenueTotal > 0 ? Math.max(0, c.revenue().minorUnits())
              : conversionTotal > 0 ? c.conversions() : c.leads())
          .toArray();
      int[] percents = largestRemainder(weights);
      for (int i = 0; i < active.size(); i++) {
        ChannelStats c = active.get(i);
        String facts = c.leads() + " leads, " + c.conversions() + " conversions ("
            + String.format(Locale.ROOT, "%.1f", 100 * c.conversionRate()) + "%), "
            + c.revenue().toDecimal().toPlainString() + " " + c.revenue().currency().getCurrencyCode()
            + " revenue";
        channels.add(new StrategyPlan.Channel(c.channel(), facts));
        budget.add(new StrategyPlan.BudgetShare(c.channel(), percents[i],
            percents[i] + "% = its share of " + basis + " in " + leads.period()));
      }
    }
    List<StrategyPlan.Segment> segments = new ArrayList<>();
    leads.segments().stream().filter(s -> s.leads() > 0)
        .sorted(Comparator.comparingDouble(SegmentStats::averageScore).reversed()).limit(3)
        .forEach(s -> segments.add(new StrategyPlan.Segment(s.segment(),
            String.format(Locale.ROOT, "average lead score %.1f across %d leads", s.averageScore(), s.leads()))));
    if (segments.isEmpty()) {
      segments.add(new StrategyPlan.Segment("all-leads", "no segment data yet"));
    }
    String summary = "[offline template] For " + leads.period() + ": target " + segments.get(0).name()
        + " first; put " + budget.get(0).percent() + "% of the budget into " + budget.get(0).channel() + ". "
        + leads.newLeads() + " new leads, " + leads.convertedLeads() + " converted, net revenue "
        + payments.netRevenue().toDecimal().toPlainString() + " "
        + payments.netRevenue().currency().getCurrencyCode() + ".";
    return new StrategyPlan(segments, channels, budget, summary);
  }

  static int[] largestRemainder(long[] weights) {
    long total = 0;
    for (long w : weights) {
      total += w;
    }
    int[] result = new int[weights.length];
    if (total == 0) {
      result[0] = 100;
      return result;
    }
    double[] remainders = new double[weights.length];
    int assigned = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = 100.0 * weights[i] / total;
      result[i] = (int) Math.floor(exact);
      remainders[i] = exact - result[i];
      assigned += result[i];
    }
    while (assigned < 100) {
      int best = 0;
      for (int i = 1; i < remainders.length; i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      result[best]++;
      remainders[best] = -1;
      assigned++;
    }
    return result;
  }
}
