package dev.bizo.testkit;

import java.net.URI;
import java.util.Objects;

/**
 * A real Redis server for one test class, on a logical database of its own that is empty when handed
 * out.
 *
 * @param host the host name
 * @param port the port
 * @param database the logical database index (0–15)
 */
public record TestRedis(String host, int port, int database) {

  public TestRedis {
    Objects.requireNonNull(host, "host");
  }

  /** A {@code redis://} URI including the database index. */
  public URI uri() {
    return URI.create("redis://" + host + ":" + port + "/" + database);
  }
}
