package dev.bizo.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link KilledOwnerIT}: starts the embedded database on the directory in {@code args[0]},
 * commits {@code args[1]} rows one transaction each, prints {@value #READY} and then waits to be killed, never
 * closing the database, as a server JVM killed by the OOM killer would.
 */
public final class ClusterInChildJvm {

  static final String READY = "committed";

  private ClusterInChildJvm() {}

  public static void main(String[] args) throws Exception {
    EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
    int rows = Integer.parseInt(args[1]);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "")) {
      try (Statement s = c.createStatement()) {
        s.execute("create table acknowledged (n int primary key)");
      }
      try (PreparedStatement insert = c.prepareStatement("insert into acknowledged values (?)")) {
        for (int n = 1; n <= rows; n++) {
          insert.setInt(1, n);
          insert.executeUpdate();
        }
      }
      System.out.println(READY + " " + rows);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
