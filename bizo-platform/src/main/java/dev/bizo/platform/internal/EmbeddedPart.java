package dev.bizo.platform.internal;

import dev.bizo.embedded.EmbeddedDatabase;
import java.nio.file.Path;

/**
 * Starts the embedded PostgreSQL; a class of its own so that bizo-embedded-postgres is loaded only when the
 * application asked for it.
 */
public final class EmbeddedPart {

  private EmbeddedPart() {}

  /** Starts PostgreSQL with its data in {@code dataDir/postgres}, as the reference server does. */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path data = dataDir.resolve("postgres");
    return port > 0 ? EmbeddedDatabase.start(data, port) : EmbeddedDatabase.start(data);
  }

  /** The superuser that runs the migrations in the embedded database. */
  public static String owner() {
    return EmbeddedDatabase.OWNER;
  }
}
