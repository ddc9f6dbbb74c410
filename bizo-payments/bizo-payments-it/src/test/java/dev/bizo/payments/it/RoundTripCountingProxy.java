package dev.bizo.payments.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of PostgreSQL that reads the wire protocol as it passes and counts, while
 * counting is on, the round trips the clients make and the transactions the server commits.
 *
 * <p>A round trip is one client message that makes the client wait for the server: a Sync ending an
 * extended-protocol exchange, or a simple Query. Not counted: the simple {@code BEGIN} the PostgreSQL driver
 * sends in the same flush as a transaction's first statement (it waits for neither alone), and the driver's
 * empty connection-check query, which the pool sends only after a connection sat idle. A transaction is a
 * ReadyForQuery going from "in a transaction" back to idle. Why on the wire: what a payment costs the database is its waits on it, whatever
 * the driver, pool or SQL shape.
 */
final class RoundTripCountingProxy implements AutoCloseable {

  private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)(/.*)$");
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;

  private final String targetHost;
  private final int targetPort;
  private final String rest;
  private final ServerSocket server;
  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicInteger roundTrips = new AtomicInteger();
  private final AtomicInteger transactions = new AtomicInteger();
  private volatile boolean counting;

  /** Starts a proxy for the database {@code jdbcUrl} names. */
  RoundTripCountingProxy(String jdbcUrl) throws IOException {
    Matcher m = HOST_PORT.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a jdbc:postgresql://host:port/... URL: " + jdbcUrl);
    }
    targetHost = m.group(1);
    targetPort = Integer.parseInt(m.group(2));
    rest = m.group(3);
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "round-trip-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The JDBC URL that goes through this proxy. */
  String jdbcUrl() {
    return "jdbc:postgresql://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + rest;
  }

  /** Zeroes the counts and counts from now on. */
  void startCounting() {
    roundTrips.set(0);
    transactions.set(0);
    counting = true;
  }

  /** Stops counting; the counts stay readable. */
  void stopCounting() {
    counting = false;
  }

  int roundTrips() {
    return roundTrips.get();
  }

  int transactions() {
    return transactions.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket database = new Socket(targetHost, targetPort);
        client.setTcpNoDelay(true);
        database.setTcpNoDelay(true);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(database);
        }
        Connection connection = new Connection();
        pump(client.getInputStream(), database.getOutputStream(), connection::fromClient, "client");
        pump(database.getInputStream(), client.getOutputStream(), connection::fromServer, "server");
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new IllegalStateException("The round-trip proxy could not accept a connection", e);
        }
      }
    }
  }

  private interface Reader {
    /** Reads one message from {@code in}, writing it to {@code out}; false at the end of the stream. */
    boolean forwardOne(InputStream in, OutputStream out) throws IOException;
  }

  private static void pump(InputStream in, OutputStream out, Reader reader, String side) {
    Thread t = new Thread(() -> {
      try (in; out) {
        while (reader.forwardOne(in, out)) {
          // next message
        }
      } catch (IOException closed) {
        // the other side closed: so does this one
      }
    }, "round-trip-proxy-" + side);
    t.setDaemon(true);
    t.start();
  }

  /** The protocol state of one proxied connection. */
  private final class Connection {
    private boolean started;
    private final AtomicInteger pendingNegotiationBytes = new AtomicInteger();
    private char status = 'I';

    boolean fromClient(InputStream in, OutputStream out) throws IOException {
      if (!started) {
        byte[] lengthBytes = readFully(in, 4);
        if (lengthBytes == null) {
          return false;
        }
        int length = toInt(lengthBytes, 0);
        byte[] body = readFully(in, length - 4);
        int code = toInt(body, 0);
        if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
          pendingNegotiationBytes.incrementAndGet(); // the server answers with one untyped byte
        } else {
          started = true; // the startup message: typed messages follow
        }
        write(out, lengthBytes, body);
        return true;
      }
      byte[] header = readFully(in, 5);
      if (header == null) {
        return false;
      }
      byte[] body = readFully(in, toInt(header, 1) - 4);
      char type = (char) header[0];
      if (counting && (type == 'S' || (type == 'Q' && waitsAlone(body)))) {
        roundTrips.incrementAndGet(); // counted before the server can answer it
      }
      write(out, header, body);
      return true;
    }

    boolean fromServer(InputStream in, OutputStream out) throws IOException {
      if (pendingNegotiationBytes.get() > 0) {
        byte[] answer = readFully(in, 1);
        if (answer == null) {
          return false;
        }
        if (answer[0] == 'S' || answer[0] == 'G') {
          throw new IOException("The round-trip proxy cannot read encrypted connections; disable SSL/GSS");
        }
        pendingNegotiationBytes.decrementAndGet();
        write(out, answer, new byte[0]);
        return true;
      }
      byte[] header = readFully(in, 5);
      if (header == null) {
        return false;
      }
      byte[] body = readFully(in, toInt(header, 1) - 4);
      if (header[0] == 'Z') {
        char now = (char) body[0];
        if (counting && status != 'I' && now == 'I') {
          transactions.incrementAndGet();
        }
        status = now;
      }
      write(out, header, body);
      return true;
    }
  }

  /** Whether a simple Query with this body is a round trip of its own (see the class comment). */
  private static boolean waitsAlone(byte[] body) {
    String sql = new String(body, 0, body.length - 1, StandardCharsets.UTF_8).strip();
    return !sql.isEmpty() && !sql.equalsIgnoreCase("BEGIN");
  }

  private static void write(OutputStream out, byte[] first, byte[] second) throws IOException {
    out.write(first);
    out.write(second);
    out.flush();
  }

  private static int toInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  /** {@code n} bytes, or null at a clean end of stream before the first. */
  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    int read = 0;
    while (read < n) {
      int r = in.read(b, read, n - read);
      if (r < 0) {
        if (read == 0) {
          return null;
        }
        throw new IOException("Connection closed inside a message");
      }
      read += r;
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
