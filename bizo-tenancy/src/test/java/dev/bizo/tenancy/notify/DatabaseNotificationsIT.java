package dev.bizo.tenancy.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import dev.bizo.testkit.Eventually;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The LISTEN connection against a real PostgreSQL: commit-only delivery, and recovery after it is killed. */
@RealServices
class DatabaseNotificationsIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Records what the listener hands over. */
  private static final class Recorder implements NotificationHandler {
    final List<String> payloads = new CopyOnWriteArrayList<>();
    final AtomicInteger listening = new AtomicInteger();

    @Override
    public void notified(String payload) {
      payloads.add(payload);
    }

    @Override
    public void listening() {
      listening.incrementAndGet();
    }
  }

  @Test
  void delivers_a_payload_only_once_its_transaction_commits_and_never_a_rolled_back_one(TestDatabase db) throws Exception {
    Recorder recorder = new Recorder();
    try (DatabaseNotifications notifications = DatabaseNotifications.start(db.jdbcUrl(), db.user(), db.password());
        var subscription = notifications.subscribe("test_commit", recorder)) {
      Eventually.within(WAIT, "the listener listens", () -> recorder.listening.get() == 1 && subscription.isListening());
      try (Connection c = db.connect()) {
        c.setAutoCommit(false);
        notify(c, "test_commit", "rolled-back");
        c.rollback();
        notify(c, "test_commit", "committed");
        notify(c, "test_commit", "committed");
        try (Connection other = db.connect()) {
          other.setAutoCommit(true);
          notify(other, "test_commit", "marker");
        }
        // the marker committed after "committed" was sent but before its transaction commits
        Eventually.within(WAIT, "the marker arrives", () -> recorder.payloads.contains("marker"));
        assertThat(recorder.payloads).as("nothing of the open transaction").containsExactly("marker");
        c.commit();
      }
      Eventually.within(WAIT, "the committed payload arrives", () -> recorder.payloads.size() >= 2);
      // delivered in commit order, so the rolled-back one would have come before the marker; the duplicate is folded
      assertThat(recorder.payloads).containsExactly("marker", "committed");
    }
  }

  @Test
  void reconnects_after_its_connection_is_terminated_and_listens_again(TestDatabase db) throws Exception {
    Recorder recorder = new Recorder();
    try (DatabaseNotifications notifications = DatabaseNotifications.start(db.jdbcUrl(), db.user(), db.password());
        var subscription = notifications.subscribe("test_reconnect", recorder)) {
      Eventually.within(WAIT, "the listener listens", () -> recorder.listening.get() == 1);
      try (Connection c = db.connect()) {
        assertThat(terminateListener(c, db.name())).isEqualTo(1);
        Eventually.within(WAIT, "the listener reconnected and told its subscriber",
            () -> notifications.connections() == 2 && recorder.listening.get() == 2);
        c.setAutoCommit(true);
        notify(c, "test_reconnect", "after");
      }
      Eventually.within(WAIT, "a notification after the reconnection arrives", () -> recorder.payloads.contains("after"));
      assertThat(notifications.connected()).isTrue();
    }
  }

  @Test
  void a_closed_subscription_hears_nothing_more(TestDatabase db) throws Exception {
    Recorder kept = new Recorder();
    Recorder dropped = new Recorder();
    try (DatabaseNotifications notifications = DatabaseNotifications.start(db.jdbcUrl(), db.user(), db.password())) {
      notifications.subscribe("test_close", kept);
      DatabaseNotifications.Subscription gone = notifications.subscribe("test_close", dropped);
      Eventually.within(WAIT, "both listen", () -> kept.listening.get() == 1 && dropped.listening.get() == 1);
      gone.close();
      try (Connection c = db.connect()) {
        c.setAutoCommit(true);
        notify(c, "test_close", "x");
      }
      Eventually.within(WAIT, "the kept subscription hears it", () -> kept.payloads.contains("x"));
      assertThat(dropped.payloads).isEmpty();
    }
  }

  @Test
  void refuses_a_channel_name_that_is_not_a_plain_identifier(TestDatabase db) {
    try (DatabaseNotifications notifications = DatabaseNotifications.start(db.jdbcUrl(), db.user(), db.password())) {
      assertThatThrownBy(() -> notifications.subscribe("x; drop table tenant", payload -> {}))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("notifications.channel_invalid"));
    }
  }

  static int terminateListener(Connection superuser, String database) throws SQLException {
    try (PreparedStatement s = superuser.prepareStatement(
        "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
            + " where application_name = ? and datname = ?")) {
      s.setString(1, DatabaseNotifications.APPLICATION_NAME);
      s.setString(2, database);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static void notify(Connection c, String channel, String payload) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
      s.setString(1, channel);
      s.setString(2, payload);
      s.execute();
    }
  }
}
