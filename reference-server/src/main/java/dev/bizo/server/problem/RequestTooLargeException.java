package dev.bizo.server.problem;

import java.io.IOException;

/**
 * A request body went past the configured limit. An {@link IOException} because it is raised while
 * the body is being read, by whichever reader happens to be reading it.
 */
public final class RequestTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  public RequestTooLargeException(long limitBytes) {
    super("The request body is larger than the limit of " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  /** The limit that was exceeded, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }
}
