package dev.bizo.benchmarks.crm;

import dev.bizo.benchmarks.Percentiles;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Warm searches of one store over fixed queries: their latency, and recall@10, the mean share of each query's
 * exact top 10 that the store's top 10 holds.
 *
 * @param latency per search, ms
 * @param recall from 0 to 1
 */
record SearchRun(Percentiles latency, double recall) {

  /**
   * Runs {@code warmups} searches (the first queries, repeated), then every query once, timed.
   *
   * @param exactTop10 the exact top 10 of each query, in the same order
   */
  static SearchRun of(List<float[]> queries, List<List<LeadId>> exactTop10, int warmups,
      Function<float[], List<VectorMatch<LeadId>>> search) {
    for (int i = 0; i < warmups; i++) {
      search.apply(queries.get(i % queries.size()));
    }
    double[] ms = new double[queries.size()];
    double found = 0;
    for (int i = 0; i < queries.size(); i++) {
      long a = System.nanoTime();
      List<VectorMatch<LeadId>> hits = search.apply(queries.get(i));
      ms[i] = (System.nanoTime() - a) / 1e6;
      Set<LeadId> truth = new HashSet<>(exactTop10.get(i));
      found += hits.stream().limit(10).filter(h -> truth.contains(h.key())).count() / (double) truth.size();
    }
    return new SearchRun(Percentiles.of(ms), found / queries.size());
  }
}
