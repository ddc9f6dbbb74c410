package dev.bizo.benchmarks.server;

import java.util.List;

/**
 * The JVM flags the reference server ships with: those of the run command in the repository's README and
 * reference-server/README.md ({@code java <flags> -jar reference-server/target/bizo-server-bootable.jar}).
 * The server figures run the server, and the bare WildFly beside it, with exactly these; a test checks that
 * both READMEs still say the same.
 */
public final class ServerJvmFlags {

  /**
   * A heap ceiling instead of the JVM's default of a quarter of the machine's memory, and the serial
   * collector, whose footprint is the smallest (the server's pauses under its 32-client ingest stay short
   * with a heap this size).
   */
  public static final List<String> SHIPPED = List.of("-XX:+UseSerialGC", "-Xmx512m");

  private ServerJvmFlags() {}
}
