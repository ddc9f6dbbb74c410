package dev.bizo.server.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies above {@link #MAX_BYTES} ({@link #MAX_IMPORT_BYTES} for the streamed lead import,
 * which spools to disk rather than memory): at once when {@code Content-Length} says so, and otherwise by
 * counting bytes as they are read, so chunked bodies cannot slip past.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestSizeLimit implements ContainerRequestFilter {

  /** The largest request body the API accepts: 1 MiB. */
  public static final long MAX_BYTES = 1024 * 1024;

  /** The largest lead import body: 256 MiB, about two million CSV rows. */
  public static final long MAX_IMPORT_BYTES = 256L * 1024 * 1024;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    long limit = limitFor(request.getMethod(), request.getUriInfo().getPath());
    if (request.getLength() > limit) {
      throw new RequestTooLargeException(limit);
    }
    if (request.hasEntity()) {
      request.setEntityStream(new CountingStream(request.getEntityStream(), limit));
    }
  }

  /** The body limit of a request to {@code path} (relative to the API root). */
  static long limitFor(String method, String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return "POST".equals(method) && (trimmed.equals("/leads/import") || trimmed.equals("leads/import"))
        ? MAX_IMPORT_BYTES
        : MAX_BYTES;
  }

  /** Fails the read that crosses the limit. */
  static final class CountingStream extends FilterInputStream {
    private final long limit;
    private long count;

    CountingStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      add(skipped);
      return skipped;
    }

    private void add(long n) throws RequestTooLargeException {
      count += n;
      if (count > limit) {
        throw new RequestTooLargeException(limit);
      }
    }
  }
}
