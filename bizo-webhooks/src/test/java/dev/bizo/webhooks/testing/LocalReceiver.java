package dev.bizo.webhooks.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's HttpServer) that logs every request and answers as scripted; for
 * tests of webhook senders and of code whose events end up as webhooks.
 */
public final class LocalReceiver implements AutoCloseable {

  /**
   * One received request.
   *
   * @param path the request path
   * @param headers the headers, names in lower case, repeated values joined with commas
   * @param body the body as UTF-8
   * @param receivedAtNanos {@link System#nanoTime()} once its body was read
   */
  public record Received(String path, Map<String, String> headers, String body, long receivedAtNanos) {

    /**
     * One header.
     *
     * @param name its name, in any case
     * @return its value, or null when absent
     */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> scripted = new ConcurrentLinkedDeque<>();
  private volatile int defaultStatus = 200;
  private volatile Duration delay = Duration.ZERO;

  /**
   * Starts the receiver on an ephemeral port; it answers 200 until told otherwise.
   *
   * @throws IOException when the port cannot be bound
   */
  public LocalReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        received.add(new Received(exchange.getRequestURI().getPath(), headers, body, System.nanoTime()));
        if (!delay.isZero()) {
          Thread.sleep(delay.toMillis());
        }
        Integer next = scripted.pollFirst();
        exchange.sendResponseHeaders(next == null ? defaultStatus : next, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(executor);
    server.start();
  }

  /**
   * The URL of a path on this receiver.
   *
   * @param path the path, starting with {@code /}
   * @return {@code http://127.0.0.1:<port><path>}
   */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /**
   * Answers the next requests with these statuses, then with the default.
   *
   * @param statuses the statuses, in order
   * @return this receiver
   */
  public LocalReceiver thenAnswer(int... statuses) {
    for (int s : statuses) {
      scripted.addLast(s);
    }
    return this;
  }

  /**
   * The status of every request not scripted by {@link #thenAnswer}.
   *
   * @param status the status
   * @return this receiver
   */
  public LocalReceiver answerByDefault(int status) {
    this.defaultStatus = status;
    return this;
  }

  /**
   * Holds every answer this long after the body was read (a slow receiver).
   *
   * @param value the delay
   * @return this receiver
   */
  public LocalReceiver delayEachAnswer(Duration value) {
    this.delay = value;
    return this;
  }

  /**
   * Every request so far, in arrival order.
   *
   * @return the requests
   */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * The requests to one path so far, in arrival order.
   *
   * @param path the path
   * @return the requests
   */
  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
