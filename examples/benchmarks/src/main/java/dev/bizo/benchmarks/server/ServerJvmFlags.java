package dev.bizo.benchmarks.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** The class data sharing archive the server's build writes next to the jar (reference-server/pom.xml). */
  public static final String CLASS_ARCHIVE = "bizo-server.jsa";

  private ServerJvmFlags() {}

  /**
   * The flags that run {@code jar}: {@link #SHIPPED}, and {@code -XX:SharedArchiveFile} naming the class
   * archive beside the jar, as the run command names the one its build wrote. A jar without an archive (the
   * bare WildFly's) runs with {@link #SHIPPED} alone.
   */
  public static List<String> forJar(Path jar) {
    Path archive = jar.toAbsolutePath().resolveSibling(CLASS_ARCHIVE);
    if (!Files.isRegularFile(archive)) {
      return SHIPPED;
    }
    List<String> flags = new ArrayList<>(SHIPPED);
    flags.add(classArchiveFlag(archive.toString()));
    return List.copyOf(flags);
  }

  /** The flag that maps the class archive at {@code path}. */
  public static String classArchiveFlag(String path) {
    return "-XX:SharedArchiveFile=" + path;
  }
}
