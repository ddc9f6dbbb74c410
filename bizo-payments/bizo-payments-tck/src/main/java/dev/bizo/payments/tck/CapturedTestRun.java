package dev.bizo.payments.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.LoggerFactory;

/**
 * A gateway's tests (typically its {@link PaymentGatewayContractTest} subclass plus its own) run in-process
 * with every log line captured: logback on the root logger with the named loggers at DEBUG, and
 * {@code java.util.logging}, where several gateway SDKs write. Use it to prove that no secret, token or
 * credential reaches a log during a whole run:
 *
 * <pre>{@code
 * @Test
 * void no_secret_reaches_a_log_during_a_full_run() {
 *   CapturedTestRun run = CapturedTestRun.of(List.of("dev.bizo", "com.acme"), AcmeGatewayTckTest.class, AcmeGatewayTest.class);
 *
 *   assertThat(run.failures()).isZero();
 *   assertThat(run.succeeded()).isGreaterThanOrEqualTo(40);
 *   assertThat(run.lines()).anyMatch(l -> l.startsWith("acme PURCHASE"));  // the run did log
 *   assertThat(run.linesContainingAnyOf(List.of(API_KEY, WEBHOOK_SECRET))).isEmpty();
 * }
 * }</pre>
 *
 * <p>Requires logback as the SLF4J binding on the test class path.
 */
public final class CapturedTestRun {

  private final TestExecutionSummary summary;
  private final List<String> lines;

  private CapturedTestRun(TestExecutionSummary summary, List<String> lines) {
    this.summary = summary;
    this.lines = List.copyOf(lines);
  }

  /**
   * Runs the test classes with logs captured.
   *
   * @param debugLoggers loggers raised to DEBUG for the run (e.g. {@code "dev.bizo"} and the SDK's), restored after
   * @param testClasses the test classes to run
   * @return what ran and every line logged
   */
  public static CapturedTestRun of(List<String> debugLoggers, Class<?>... testClasses) {
    Objects.requireNonNull(debugLoggers, "debugLoggers");
    if (testClasses.length == 0) {
      throw new IllegalArgumentException("Name at least one test class");
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
      throw new IllegalStateException("CapturedTestRun needs logback-classic as the SLF4J binding, found "
          + LoggerFactory.getILoggerFactory().getClass().getName());
    }
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Map<Logger, Level> previous = new LinkedHashMap<>();
    for (String name : debugLoggers) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      previous.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    List<String> julLines = new ArrayList<>();
    SimpleFormatter formatter = new SimpleFormatter();
    Handler jul = new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (julLines) {
          julLines.add(formatter.format(record));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    appender.start();
    root.addAppender(appender);
    julRoot.addHandler(jul);
    TestExecutionSummary summary;
    try {
      List<ClassSelector> selectors = new ArrayList<>();
      for (Class<?> type : testClasses) {
        selectors.add(selectClass(type));
      }
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request, listener);
      summary = listener.getSummary();
    } finally {
      julRoot.removeHandler(jul);
      previous.forEach(Logger::setLevel);
      root.detachAppender(appender);
      appender.stop();
    }
    List<String> lines;
    synchronized (julLines) {
      lines = new ArrayList<>(julLines);
    }
    for (ILoggingEvent event : appender.list) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    return new CapturedTestRun(summary, lines);
  }

  /** How many tests failed or errored. */
  public long failures() {
    return summary.getTotalFailureCount();
  }

  /** How many tests passed. */
  public long succeeded() {
    return summary.getTestsSucceededCount();
  }

  /** Every line logged during the run (messages, and each cause's class and message), in order per channel. */
  public List<String> lines() {
    return lines;
  }

  /** The logged lines that contain any of {@code secrets}; empty is what a gateway wants. */
  public List<String> linesContainingAnyOf(List<String> secrets) {
    for (String secret : secrets) {
      if (secret == null || secret.length() < 4) {
        throw new IllegalArgumentException("A secret to look for must have at least 4 characters, was: " + secret);
      }
    }
    return lines.stream().filter(l -> secrets.stream().anyMatch(l::contains)).toList();
  }

  /** The failures, with their causes, for an assertion message. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(succeeded() + " passed, " + failures() + " failed");
    summary.getFailures().forEach(f -> out.append("\n  ").append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()));
    return out.toString();
  }
}
