package dev.bizo.crm.analytics;

import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StatusChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage-to-stage conversion, win rate by source and average time in stage. {@link #of(List)} is the
 * in-memory reference computation; the set-based SQL version over a million leads must give the
 * same numbers.
 *
 * @param conversions along NEW, CONTACTED, QUALIFIED, PROPOSAL, NEGOTIATION, WON, in order
 * @param winRateBySource WON / (WON + LOST) among closed leads, for sources with a closed lead
 * @param averageTimeInStage mean length of completed stays per status; open stays are excluded
 */
public record FunnelReport(
    List<StageConversion> conversions,
    Map<LeadSource, Double> winRateBySource,
    Map<LeadStatus, Duration> averageTimeInStage) {

  /** The main path of the pipeline, in order. */
  public static final List<LeadStatus> PIPELINE =
      List.of(
          LeadStatus.NEW,
          LeadStatus.CONTACTED,
          LeadStatus.QUALIFIED,
          LeadStatus.PROPOSAL,
          LeadStatus.NEGOTIATION,
          LeadStatus.WON);

  public FunnelReport {
    conversions = List.copyOf(conversions);
    winRateBySource = Collections.unmodifiableMap(new EnumMap<>(winRateBySource));
    averageTimeInStage = Collections.unmodifiableMap(new EnumMap<>(averageTimeInStage));
  }

  /** The win rate of a source, when it has closed leads. */
  public Optional<Double> winRate(LeadSource source) {
    return Optional.ofNullable(winRateBySource.get(source));
  }

  /**
   * Computes the report from lead journeys.
   *
   * @param journeys every lead of the tenant with its status changes
   * @return the funnel
   */
  public static FunnelReport of(List<LeadJourney> journeys) {
    long[] reached = new long[PIPELINE.size()];
    Map<LeadSource, long[]> closed = new EnumMap<>(LeadSource.class);
    Map<LeadStatus, long[]> stays = new EnumMap<>(LeadStatus.class);
    for (LeadJourney j : journeys) {
      int furthest = 0;
      LeadStatus current = LeadStatus.NEW;
      java.time.Instant since = j.createdAt();
      for (StatusChange c : j.changes()) {
        long[] s = stays.computeIfAbsent(c.from(), k -> new long[2]);
        s[0] += Duration.between(since, c.at()).toMillis();
        s[1]++;
        current = c.to();
        since = c.at();
        int rank = PIPELINE.indexOf(current);
        furthest = Math.max(furthest, rank);
      }
      for (int i = 0; i <= furthest; i++) {
        reached[i]++;
      }
      if (current == LeadStatus.WON || current == LeadStatus.LOST) {
        long[] wl = closed.computeIfAbsent(j.source(), k -> new long[2]);
        wl[current == LeadStatus.WON ? 0 : 1]++;
      }
    }
    List<StageConversion> conversions = new ArrayList<>();
    for (int i = 0; i + 1 < PIPELINE.size(); i++) {
      conversions.add(new StageConversion(PIPELINE.get(i), PIPELINE.get(i + 1), reached[i], reached[i + 1]));
    }
    Map<LeadSource, Double> winRates = new EnumMap<>(LeadSource.class);
    closed.forEach((source, wl) -> winRates.put(source, (double) wl[0] / (wl[0] + wl[1])));
    Map<LeadStatus, Duration> averages = new EnumMap<>(LeadStatus.class);
    stays.forEach((status, s) -> averages.put(status, Duration.ofMillis(s[0] / s[1])));
    return new FunnelReport(conversions, winRates, averages);
  }
}
