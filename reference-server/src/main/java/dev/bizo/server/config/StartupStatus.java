package dev.bizo.server.config;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which parts of the server's startup work have finished, and the first failure of it. Health checks read
 * this instead of the beans doing the work: CDI does not keep a bean whose {@code @PostConstruct} threw, so
 * every use of such a bean starts it again, and a readiness probe that injected one redid the failed start (the
 * embedded PostgreSQL, the migrations) and logged another full stack trace each time. Startup work records its
 * outcome here and refuses to start again after a failure.
 */
@ApplicationScoped
public class StartupStatus {

  private static final Logger LOG = LoggerFactory.getLogger(StartupStatus.class);

  /** Longest reason reported by a health check; the deployment failure in the log has the whole exception. */
  static final int MAX_REASON_LENGTH = 400;

  private final AtomicReference<String> failure = new AtomicReference<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();

  /** Records that {@code component} (e.g. {@code database}) has started and may be used. */
  public void started(String component) {
    started.add(component);
  }

  /** Whether {@code component} has started. */
  public boolean hasStarted(String component) {
    return started.contains(component);
  }

  /**
   * Records that {@code component} failed to start. The first failure is logged on one line at ERROR (the
   * exception's stack trace is logged once by the server, as the deployment's failure); a later one at WARNING,
   * as it is usually a consequence of the first.
   *
   * @param component what failed, e.g. {@code database}
   * @param cause why
   */
  public void failed(String component, RuntimeException cause) {
    String line = reason(component, cause);
    if (failure.compareAndSet(null, line)) {
      LOG.error("Startup failed, " + line + ". The server stays up answering DOWN on /health/ready;"
          + " fix the cause and restart it");
    } else {
      LOG.warn("Also failed at startup, " + line);
    }
  }

  /** The one-line reason of the first startup failure; empty while none happened. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Refuses to start {@code component} after a startup failure, so that a failed start is not retried on every
   * later use of the bean.
   *
   * @throws ConfigurationException {@code startup_failed} when a failure is recorded
   */
  public void requireNoFailure(String component) {
    String recorded = failure.get();
    if (recorded != null) {
      throw new ConfigurationException("startup_failed", component + " not started: startup failed earlier (" + recorded + ")");
    }
  }

  /**
   * The component, the code (of Bizo's exceptions) or type, and the message's first line, cut to
   * {@value #MAX_REASON_LENGTH} characters.
   */
  static String reason(String component, Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    String line = component + ": " + (cause instanceof BizoException bizo ? bizo.code() : cause.getClass().getSimpleName()) + " " + message;
    return line.length() > MAX_REASON_LENGTH ? line.substring(0, MAX_REASON_LENGTH - 1) + "…" : line;
  }
}
