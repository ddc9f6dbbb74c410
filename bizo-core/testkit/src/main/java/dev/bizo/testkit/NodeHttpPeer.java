package dev.bizo.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real Node.js HTTP server, run as a child process on a free loopback port, that behaves like n8n's: a plain
 * {@code http.createServer} with an {@code upgrade} listener that never answers. A client offering the HTTP/2 cleartext
 * upgrade ({@code Upgrade: h2c}) therefore hangs against it, exactly as against n8n.
 *
 * <p>Routes are added while it runs (so a webhook secret issued for the peer's URL can be handed to it): plain routes
 * answer a scripted status and body; webhook routes answer 403 when the static header is missing or wrong (as n8n's
 * header auth does), 200 otherwise, and verify the Standard Webhooks signature in JavaScript with
 * {@code node:crypto}, reporting the verdict back in {@link Received#signature()}. The peer exits when its stdin
 * closes, so it never outlives the JVM. Tests that need it skip with
 * {@code assumeTrue(NodeHttpPeer.nodeAvailable(), NodeHttpPeer.NO_NODE)}.
 */
public final class NodeHttpPeer implements AutoCloseable {

  /** The reason to give when a test skips for want of Node. */
  public static final String NO_NODE = "node is not on the PATH: the Node.js HTTP peer cannot run";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration CONFIGURE_TIMEOUT = Duration.ofSeconds(10);

  /** The Standard Webhooks signature verdict of the peer's JavaScript. */
  public enum Signature {
    /** The headers are present and one {@code v1} signature matches. */
    VALID,
    /** The headers are present but no signature matches (or the timestamp is not an integer). */
    INVALID,
    /** A Standard Webhooks header is missing. */
    ABSENT,
    /** The route is not a webhook route. */
    NOT_CHECKED
  }

  /**
   * One request the peer answered.
   *
   * @param method the method
   * @param path the path, without query
   * @param httpVersion the protocol version Node saw, such as {@code 1.1}
   * @param status the status the peer answered
   * @param signature the signature verdict
   * @param headers the headers, names lower-case
   * @param body the body as UTF-8
   */
  public record Received(String method, String path, String httpVersion, int status, Signature signature,
      Map<String, String> headers, String body) {

    /** Copies the headers. */
    public Received {
      headers = Map.copyOf(headers);
    }

    /**
     * A header by name, any case.
     *
     * @param name the header name
     * @return its value, if sent
     */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * One request that offered a protocol upgrade and was never answered.
   *
   * @param method the method
   * @param path the path
   * @param upgrade the {@code Upgrade} header, such as {@code h2c}
   */
  public record UpgradeOffered(String method, String path, String upgrade) {
  }

  private final Process process;
  private final int port;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<UpgradeOffered> upgrades = new CopyOnWriteArrayList<>();
  private final Path script;
  private final Writer commands;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private int sent;

  private NodeHttpPeer() throws IOException {
    script = Files.createTempFile("bizo-node-http-peer", ".js");
    try (InputStream in = NodeHttpPeer.class.getResourceAsStream("node-http-peer.js")) {
      Files.write(script, Objects.requireNonNull(in, "node-http-peer.js is missing from the test kit").readAllBytes());
    }
    ProcessBuilder builder = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
    process = builder.start();
    commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(process.getInputStream(), listening), "node-http-peer-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      port = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while the Node peer started", e);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException("the Node peer did not start listening within " + START_TIMEOUT, e);
    }
  }

  /**
   * Whether {@code node} runs here.
   *
   * @return true when {@code node --version} exits 0
   */
  public static boolean nodeAvailable() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts a Node process with no routes (every request answers 404) and waits until it listens on a free
   * loopback port.
   *
   * @return the running peer
   * @throws IOException when {@code node} cannot be started
   */
  public static NodeHttpPeer start() throws IOException {
    return new NodeHttpPeer();
  }

  /**
   * Adds (or replaces) a plain route with a fixed answer.
   *
   * @param method the method, such as {@code GET}
   * @param path the path
   * @param status the status to answer
   * @param contentType the answer's content type
   * @param body the answer's body
   * @return this peer
   */
  public NodeHttpPeer route(String method, String path, int status, String contentType, String body) {
    return configure("{\"route\":{\"method\":" + json(method) + ",\"path\":" + json(path) + ",\"status\":" + status
        + ",\"contentType\":" + json(contentType) + ",\"body\":" + json(body) + "}}");
  }

  /**
   * Adds (or replaces) a webhook route like an n8n Webhook node with header auth: POSTs answer 403 unless the static
   * header matches, 200 otherwise; the Standard Webhooks signature is verified with the secret.
   *
   * @param path the path
   * @param secret the endpoint secret, {@code whsec_<base64>}
   * @param headerName the static header's name
   * @param headerValue the static header's expected value
   * @return this peer
   */
  public NodeHttpPeer webhook(String path, String secret, String headerName, String headerValue) {
    return configure("{\"webhook\":{\"path\":" + json(path) + ",\"secret\":" + json(secret) + ",\"headerName\":"
        + json(headerName) + ",\"headerValue\":" + json(headerValue) + "}}");
  }

  private synchronized NodeHttpPeer configure(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the Node peer no longer reads its commands", e);
    }
    int wanted = ++sent;
    long deadline = System.nanoTime() + CONFIGURE_TIMEOUT.toNanos();
    while (acknowledged.get() < wanted) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("the Node peer did not take its configuration within " + CONFIGURE_TIMEOUT);
      }
      pause();
    }
    return this;
  }

  /**
   * A URL on this peer.
   *
   * @param path the path, starting with {@code /}
   * @return {@code http://127.0.0.1:<port><path>}
   */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * Every request answered so far.
   *
   * @return the requests, in arrival order
   */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * Every upgrade offered so far (and left unanswered).
   *
   * @return the offers, in arrival order
   */
  public List<UpgradeOffered> upgradesOffered() {
    return List.copyOf(upgrades);
  }

  /**
   * Waits until the peer has answered a request that matches, polling its log until the deadline.
   *
   * @param match the request wanted
   * @param timeout how long to wait
   * @return the first matching request
   * @throws AssertionError when none arrives in time
   */
  public Received awaitReceived(Predicate<Received> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Received> found = received.stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the Node peer received no matching request within " + timeout
            + "; received " + received + ", upgrades offered " + upgrades);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Node peer", e);
    }
  }

  @Override
  public void close() {
    try {
      commands.close();
      process.destroy();
    } catch (IOException e) {
      process.destroyForcibly();
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read(InputStream stdout, CompletableFuture<Integer> listening) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "RECEIVED" -> received.add(new Received(f[1], f[2], f[3], Integer.parseInt(f[4]), signature(f[5]),
              headers(decode(f[6])), decode(f[7])));
          case "UPGRADE" -> upgrades.add(new UpgradeOffered(f[1], f[2], decode(f[3])));
          default -> {
            if (line.startsWith("CONFIGURED ")) {
              acknowledged.set(Integer.parseInt(line.substring("CONFIGURED ".length()).trim()));
            } else if (line.startsWith("LISTENING ")) {
              listening.complete(Integer.parseInt(line.substring("LISTENING ".length()).trim()));
            }
          }
        }
      }
      listening.completeExceptionally(new IllegalStateException("the Node peer exited"));
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
  }

  private static Signature signature(String verdict) {
    return switch (verdict) {
      case "valid" -> Signature.VALID;
      case "invalid" -> Signature.INVALID;
      case "absent" -> Signature.ABSENT;
      default -> Signature.NOT_CHECKED;
    };
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(String lines) {
    Map<String, String> headers = new TreeMap<>();
    for (String line : lines.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 2));
      }
    }
    return headers;
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
