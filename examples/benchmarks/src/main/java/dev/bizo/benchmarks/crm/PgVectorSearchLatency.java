package dev.bizo.benchmarks.crm;

import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.SuiteSize;

/** The pgvector path's figures: not measured yet, the pgvector store does not exist yet (issue 18). */
final class PgVectorSearchLatency {

  private PgVectorSearchLatency() {}

  static void run(SuiteSize size, int vectors, SyntheticEmbeddings embeddings, int queries, Report report) {
    report.note("semantic-search-pgvector: skipped, the pgvector store is not built yet (issue 18)");
  }
}
