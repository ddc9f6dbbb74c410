package dev.bizo.tenancy.notify;

import dev.bizo.core.ValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated PostgreSQL connection that {@code LISTEN}s on the channels subscribers name and hands every
 * notification to them, on a daemon thread of its own.
 *
 * <p>Owned by whoever owns the connection pool ({@link dev.bizo.tenancy.TenancyDatabase#notifications()}
 * starts it on first use and closes it with the pool); the connection is opened outside the pool, as the same
 * role, so it never takes a pooled connection away from requests.
 *
 * <p><b>Delivery.</b> PostgreSQL delivers a notification only after the sending transaction commits, in
 * commit order, and folds identical notifications (same channel and payload) of one transaction into one.
 * Notifications sent while this listener is disconnected are lost: after every (re)connection each
 * subscriber's {@link NotificationHandler#listening()} is called so that it can catch up, and every user keeps
 * a polling path as its safety net.
 *
 * <p><b>Failures.</b> A lost connection (the server restarted, {@code pg_terminate_backend}, a network cut
 * noticed by the idle check) is logged once per outage and reopened with exponential backoff and jitter, from
 * {@link #MIN_BACKOFF} up to {@link #MAX_BACKOFF}. An idle connection is checked with {@code SELECT 1}
 * every {@link #IDLE_CHECK}.
 *
 * <pre>{@code
 * DatabaseNotifications notifications = database.notifications();
 * try (DatabaseNotifications.Subscription s = notifications.subscribe("bizo_outbox", tenantId -> wake(tenantId))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DatabaseNotifications implements AutoCloseable {

  /** The first wait before reconnecting. */
  public static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  /** The longest wait between reconnection attempts. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** How long the connection may sit without traffic before it is checked. */
  public static final Duration IDLE_CHECK = Duration.ofSeconds(10);
  /** The {@code application_name} of the listening connection, to find it in {@code pg_stat_activity}. */
  public static final String APPLICATION_NAME = "bizo-notifications";

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseNotifications.class);
  private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final int WAIT_MILLIS = 250;

  /** Opens a new connection for the listener; called again after every loss. */
  @FunctionalInterface
  public interface ConnectionOpener {
    /**
     * A new connection, in auto-commit mode.
     *
     * @return the connection, which the listener closes
     * @throws SQLException when the database cannot be reached; the listener waits and tries again
     */
    Connection open() throws SQLException;
  }

  private final ConnectionOpener opener;
  private final Map<String, List<Subscription>> subscriptions = new ConcurrentHashMap<>();
  /** Bumped when the set of channels changes, so the listener thread LISTENs or UNLISTENs. */
  private final AtomicLong channelsVersion = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean connected;

  private DatabaseNotifications(ConnectionOpener opener, String name) {
    this.opener = opener;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /**
   * Starts a listener that opens its connections with {@code opener}.
   *
   * @param opener opens a connection to the database to listen on
   * @return the started listener; it connects in the background
   */
  public static DatabaseNotifications start(ConnectionOpener opener) {
    DatabaseNotifications notifications =
        new DatabaseNotifications(Objects.requireNonNull(opener, "opener"), "bizo-notifications");
    notifications.thread.start();
    return notifications;
  }

  /**
   * Starts a listener that connects to {@code jdbcUrl} as {@code user} with the PostgreSQL driver directly
   * (not through {@code DriverManager}, so it works inside an application server's class loaders).
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL
   * @param user the role to connect as
   * @param password its password
   * @return the started listener
   */
  public static DatabaseNotifications start(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    org.postgresql.Driver driver = new org.postgresql.Driver();
    return start(() -> {
      Properties props = new Properties();
      props.setProperty("user", user);
      props.setProperty("password", password);
      props.setProperty("ApplicationName", APPLICATION_NAME);
      props.setProperty("tcpKeepAlive", "true");
      Connection c = driver.connect(jdbcUrl, props);
      if (c == null) {
        throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
      }
      return c;
    });
  }

  /**
   * Subscribes {@code handler} to {@code channel}. The listener LISTENs on the channel within its next wait
   * (a quarter of a second), then calls {@link NotificationHandler#listening()}; notifications committed
   * before that may be missed.
   *
   * @param channel lower-case letters, digits and underscores, starting with a letter, at most 63 characters
   * @param handler receives the channel's payloads
   * @return the subscription; close it to stop receiving
   * @throws ValidationException {@code notifications.channel_invalid} for any other channel name
   * @throws IllegalStateException after {@link #close()}
   */
  public Subscription subscribe(String channel, NotificationHandler handler) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(handler, "handler");
    if (!CHANNEL.matcher(channel).matches()) {
      throw ValidationException.ofField("channel", "notifications.channel_invalid",
          "lower-case letters, digits and underscores, starting with a letter: " + channel);
    }
    if (closed) {
      throw new IllegalStateException("notifications closed");
    }
    Subscription s = new Subscription(channel, handler);
    subscriptions.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).add(s);
    channelsVersion.incrementAndGet();
    return s;
  }

  /** Whether the listening connection is open right now. */
  public boolean connected() {
    return connected;
  }

  /** How many times a listening connection was opened (1 after the first connection; more after losses). */
  public long connections() {
    return connections.get();
  }

  /** Stops listening, closes the connection and waits briefly for the thread to end; idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Duration backoff = MIN_BACKOFF;
    boolean failing = false;
    while (!closed) {
      try (Connection c = opener.open()) {
        c.setAutoCommit(true);
        PGConnection pg = c.unwrap(PGConnection.class);
        connections.incrementAndGet();
        connected = true;
        if (connections.get() > 1) {
          LOG.info("notifications: listening again");
        }
        backoff = MIN_BACKOFF;
        failing = false;
        listen(c, pg);
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        // once per outage at WARN: a database that stays away must not flood the log
        if (!failing) {
          LOG.warn("notifications: connection lost or refused ({}); reconnecting with backoff up to {} s", e.toString(),
              MAX_BACKOFF.toSeconds());
          failing = true;
        } else {
          LOG.debug("notifications: still cannot connect: {}", e.toString());
        }
      } finally {
        connected = false;
      }
      if (!pause(backoff)) {
        break;
      }
      backoff = nextBackoff(backoff);
    }
    LOG.debug("notifications: stopped");
  }

  /** Keeps the channels in step with the subscriptions and dispatches notifications until closed or broken. */
  private void listen(Connection c, PGConnection pg) throws SQLException {
    java.util.Set<String> listening = new java.util.HashSet<>();
    long seenVersion = -1;
    long lastTraffic = System.nanoTime();
    while (!closed) {
      long version = channelsVersion.get();
      if (version != seenVersion) {
        seenVersion = version;
        for (String channel : subscriptions.keySet()) {
          if (!subscriptions.getOrDefault(channel, List.of()).isEmpty() && listening.add(channel)) {
            execute(c, "listen " + channel);
            subscriptions.getOrDefault(channel, List.of()).forEach(Subscription::markListening);
          }
        }
        for (String channel : List.copyOf(listening)) {
          if (subscriptions.getOrDefault(channel, List.of()).isEmpty()) {
            execute(c, "unlisten " + channel);
            listening.remove(channel);
          }
        }
        // subscriptions added to a channel already listened on also need to hear "listening"
        subscriptions.values().forEach(list -> list.forEach(Subscription::listeningIfNew));
      }
      PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
      if (received != null && received.length > 0) {
        lastTraffic = System.nanoTime();
        for (PGNotification n : received) {
          for (Subscription s : subscriptions.getOrDefault(n.getName(), List.of())) {
            s.deliver(n.getParameter());
          }
        }
      } else if (System.nanoTime() - lastTraffic > IDLE_CHECK.toNanos()) {
        execute(c, "select 1");
        lastTraffic = System.nanoTime();
      }
      if (Thread.interrupted() && closed) {
        return;
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private boolean pause(Duration d) {
    long jittered = d.toMillis() / 2 + ThreadLocalRandom.current().nextLong(d.toMillis() / 2 + 1);
    try {
      Thread.sleep(jittered);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static Duration nextBackoff(Duration d) {
    Duration doubled = d.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  /** One handler's subscription to one channel; closing it stops the deliveries. */
  public final class Subscription implements AutoCloseable {
    private final String channel;
    private final NotificationHandler handler;
    private volatile long listeningAt;
    private volatile boolean active = true;

    private Subscription(String channel, NotificationHandler handler) {
      this.channel = channel;
      this.handler = handler;
    }

    /** The channel subscribed to. */
    public String channel() {
      return channel;
    }

    /** Stops delivering to this subscription; the channel is unlistened when it has no subscriber left. */
    @Override
    public void close() {
      if (active) {
        active = false;
        List<Subscription> list = subscriptions.get(channel);
        if (list != null) {
          list.remove(this);
        }
        channelsVersion.incrementAndGet();
      }
    }

    private void deliver(String payload) {
      if (!active) {
        return;
      }
      try {
        handler.notified(payload);
      } catch (RuntimeException e) {
        LOG.warn("notifications: handler of {} failed on payload {}: {}", channel, payload, e.toString(), e);
      }
    }

    /**
     * Whether the listener is connected and LISTENs on this subscription's channel: from then on, every
     * notification committed reaches the handler (until the connection is lost).
     */
    public boolean isListening() {
      return active && connected && listeningAt == connections.get();
    }

    private void markListening() {
      listeningAt = connections.get();
      if (!active) {
        return;
      }
      try {
        handler.listening();
      } catch (RuntimeException e) {
        LOG.warn("notifications: handler of {} failed to catch up: {}", channel, e.toString(), e);
      }
    }

    private void listeningIfNew() {
      if (listeningAt != connections.get()) {
        markListening();
      }
    }
  }
}
