/**
 * The reference server's figures ({@link dev.bizo.benchmarks.server.ServerFigures}): its bootable jar run as a
 * separate process on loopback, as an operator runs it, with the JVM flags it ships with
 * ({@link dev.bizo.benchmarks.server.ServerJvmFlags}), beside a bare WildFly bootable jar: jar size, cold start
 * and restart to {@code /health/ready}, memory when ready and under load, and lead ingest through its REST API
 * by concurrent clients beside raw JDBC inserts of the same rows.
 */
package dev.bizo.benchmarks.server;
