package dev.bizo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@RealServices
class TestKitIT {

  @Test
  void gives_a_working_postgresql_database(TestDatabase db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE greeting (id int PRIMARY KEY, text varchar(40) NOT NULL)");
      s.execute("INSERT INTO greeting VALUES (1, 'hello'), (2, 'world')");
      try (ResultSet rs = s.executeQuery("SELECT string_agg(text, ' ' ORDER BY id), current_database(), version() FROM greeting")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("hello world");
        assertThat(rs.getString(2)).isEqualTo(db.name());
        assertThat(rs.getString(3)).startsWith("PostgreSQL");
      }
    }
  }

  @Test
  void the_same_class_shares_one_database_across_methods(TestDatabase first, TestDatabase second) {
    assertThat(first).isEqualTo(second);
  }

  @Test
  void gives_a_working_redis_with_expiry(TestRedis redis) throws Exception {
    RedisClient client = RedisClient.create(redis.uri().toString());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      assertThat(commands.dbsize()).as("a leased database starts empty").isZero();
      commands.set("kit:greeting", "hello", SetArgs.Builder.px(300));
      assertThat(commands.get("kit:greeting")).isEqualTo("hello");
      assertThat(commands.pttl("kit:greeting")).isBetween(1L, 300L);
      Eventually.within(Duration.ofSeconds(5), "the key expires", () -> commands.get("kit:greeting") == null);
      assertThat(commands.get("kit:greeting")).as("expired by the server").isNull();
    } finally {
      client.shutdown();
    }
  }
}
