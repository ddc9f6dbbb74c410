/**
 * Bizo embedded in a plain Java program, end to end: {@link dev.bizo.examples.quickstart.Quickstart} starts the
 * embedded PostgreSQL in a temporary directory, migrates the SDK's modules, signs up a tenant, scores leads,
 * takes an idempotent payment on the simulator gateway, runs the report agent offline and cleans up. Run it with
 * {@code ./mvnw -pl examples/embedded-quickstart exec:java}.
 */
package dev.bizo.examples.quickstart;
