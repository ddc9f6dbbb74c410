/**
 * The benchmark suite ({@code bizo-benchmarks}, an example, not a library): {@link dev.bizo.benchmarks.BenchmarkSuite}
 * runs every {@link dev.bizo.benchmarks.Measurement} at a {@link dev.bizo.benchmarks.SuiteSize} and prints each
 * {@link dev.bizo.benchmarks.Figure} on one line beside its baseline, through a {@link dev.bizo.benchmarks.Report};
 * a measurement that fails or overruns its time bound is reported and the others still run.
 *
 * <p>This package holds the suite, the shared database setup ({@link dev.bizo.benchmarks.BenchmarkDatabase},
 * {@link dev.bizo.benchmarks.DurableCluster}) and the platform-wide figures: the payment overhead
 * ({@link dev.bizo.benchmarks.PaymentOverhead}) and the cost of row-level security on inserts
 * ({@link dev.bizo.benchmarks.RlsInsertThroughput}). The CRM's figures are in {@code ..crm}, the reference
 * server's in {@code ..server}, webhook latency in {@code ..webhooks}, the bare WildFly baseline in {@code ..bare}.
 */
package dev.bizo.benchmarks;
