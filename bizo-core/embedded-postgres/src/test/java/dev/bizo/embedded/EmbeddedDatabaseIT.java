package dev.bizo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseIT {

  @TempDir Path dir;

  @Test
  void data_written_before_a_stop_is_there_after_the_next_start() throws Exception {
    Path cluster = dir.resolve("postgres");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(cluster)) {
      assertThat(db.port()).isPositive();
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + db.port() + "/postgres");
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "");
          Statement s = c.createStatement()) {
        s.execute("create table kept (v text)");
        s.execute("insert into kept values ('survives')");
      }
    }

    try (EmbeddedDatabase again = EmbeddedDatabase.start(cluster);
        Connection c = DriverManager.getConnection(again.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select v from kept")) {
      assertThat(again.dataDirectory()).isEqualTo(cluster);
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("survives");
    }
  }

  @Test
  void commits_wait_for_the_write_ahead_log_to_reach_disk() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("durable"));
        Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select current_setting('synchronous_commit'), current_setting('fsync')")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).as("synchronous_commit").isEqualTo("on");
      assertThat(r.getString(2)).as("fsync").isEqualTo("on");
    }
  }

  @Test
  void a_second_server_on_a_cluster_in_use_is_refused_with_a_clear_error() {
    Path cluster = dir.resolve("busy");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(cluster)) {
      assertThatThrownBy(() -> EmbeddedDatabase.start(cluster))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(cluster.toString())
          .extracting(e -> ((ConfigurationException) e).code())
          .isEqualTo("embedded_database.start_failed");
    }
  }

  @Test
  void an_impossible_port_is_refused_before_anything_starts() {
    assertThatThrownBy(() -> EmbeddedDatabase.start(dir.resolve("never"), 70000))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("70000");
    assertThat(dir.resolve("never")).doesNotExist();
  }
}
