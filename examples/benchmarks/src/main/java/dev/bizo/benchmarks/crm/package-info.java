/**
 * The CRM's figures: lead scoring throughput per CPU-second and under JMH
 * ({@link dev.bizo.benchmarks.crm.ScoringCpuThroughput}, {@link dev.bizo.benchmarks.crm.LeadScoringBenchmark}),
 * lead reports at scale against raw SQL ({@link dev.bizo.benchmarks.crm.AnalyticsAtScale}), and semantic search:
 * latency and recall over synthetic 384-dimension vectors ({@link dev.bizo.benchmarks.crm.SemanticSearchLatency}),
 * the pgvector path when {@code PGVECTOR_JDBC_URL} names a server, and how closely smaller forms of the
 * embedding model rank like the fp32 model. The data comes from fixed seeds, so every run measures the same data.
 */
package dev.bizo.benchmarks.crm;
