package dev.bizo.testkit.internal;

import dev.bizo.testkit.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * One Redis server per JVM. Test classes lease one of its 16 logical databases, flushed before use,
 * so they cannot see each other's keys.
 */
public final class SharedRedis {

  private static final Logger LOG = LoggerFactory.getLogger(SharedRedis.class);
  private static SharedRedis instance;

  private final String host;
  private final int port;
  private final String password;
  private final Deque<Integer> freeDatabases = new ArrayDeque<>();

  private SharedRedis(String host, int port, String password) {
    this.host = host;
    this.port = port;
    this.password = password;
    for (int db = 0; db < 16; db++) {
      freeDatabases.add(db);
    }
  }

  public static synchronized SharedRedis get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static SharedRedis start() {
    String external = System.getenv("BIZO_TEST_REDIS_URL");
    if (external != null && !external.isBlank()) {
      URI uri = URI.create(external);
      String userInfo = uri.getUserInfo();
      String password = userInfo == null ? null : userInfo.substring(userInfo.indexOf(':') + 1);
      LOG.info("Test kit: using the Redis at {}:{} (BIZO_TEST_REDIS_URL)", uri.getHost(), uri.getPort());
      return new SharedRedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), password);
    }
    long started = System.nanoTime();
    try {
      int port = freePort();
      RedisServer server =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .onShutdownForceStop(true)
              .build();
      server.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.stop();
                    } catch (IOException e) {
                      LOG.warn("Embedded Redis did not stop cleanly", e);
                    }
                  },
                  "bizo-testkit-redis-stop"));
      LOG.info("Test kit: embedded Redis started on port {} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
      return new SharedRedis("127.0.0.1", port, null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded Redis", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  public synchronized TestRedis lease() {
    Integer db = freeDatabases.pollFirst();
    if (db == null) {
      throw new IllegalStateException("All 16 Redis databases are leased; close test classes that hold them");
    }
    flush(db);
    return new TestRedis(host, port, db);
  }

  public synchronized void release(TestRedis redis) {
    freeDatabases.addLast(redis.database());
  }

  /** Speaks just enough RESP to select and flush a database, so the kit needs no client library. */
  private void flush(int db) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      if (password != null) {
        command(out, in, "AUTH", password);
      }
      command(out, in, "SELECT", Integer.toString(db));
      command(out, in, "FLUSHDB");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot flush Redis database " + db, e);
    }
  }

  private static void command(OutputStream out, InputStream in, String... args) throws IOException {
    StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      resp.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    StringBuilder reply = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      reply.append((char) c);
    }
    if (reply.length() == 0 || reply.charAt(0) == '-') {
      throw new IOException("Redis refused " + args[0] + ": " + reply.toString().trim());
    }
  }
}
