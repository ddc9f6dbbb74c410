/**
 * The trivial WAR of the bare WildFly bootable jar ({@code target/bare-wildfly-bootable.jar}), the baseline
 * of the {@code server-cold-start} figure. WildFly provides the APIs these classes use.
 */
package dev.bizo.benchmarks.bare;
