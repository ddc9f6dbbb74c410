package dev.bizo.payments.payu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole TCK and the PayU tests with every log captured (logback on the root logger, our own
 * loggers at DEBUG, and java.util.logging for SDK output) and checks no secret appears anywhere.
 */
class PayUSecretsNeverLoggedTest {

  @Test
  void no_secret_reaches_a_log_during_a_full_run() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("dev.bizo");
    Level previous = ours.getLevel();
    List<String> julLines = new ArrayList<>();
    SimpleFormatter formatter = new SimpleFormatter();
    Handler jul = new Handler() {
      @Override
      public void publish(LogRecord record) {
        julLines.add(formatter.format(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    appender.start();
    root.addAppender(appender);
    ours.setLevel(Level.DEBUG);
    julRoot.addHandler(jul);
    TestExecutionSummary summary;
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(PayUGatewayTckTest.class), selectClass(PayUGatewayTest.class),
              selectClass(PayUWebhookTest.class))
          .build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request, listener);
      summary = listener.getSummary();
    } finally {
      julRoot.removeHandler(jul);
      ours.setLevel(previous);
      root.detachAppender(appender);
      appender.stop();
    }

    assertThat(summary.getTotalFailureCount()).as("failures in the captured run").isZero();
    assertThat(summary.getTestsSucceededCount()).isGreaterThanOrEqualTo(45);
    List<String> lines = new ArrayList<>(julLines);
    for (ILoggingEvent event : appender.list) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    assertThat(lines).as("the run logged our debug lines").anyMatch(l -> l.startsWith("payu PURCHASE verify_payment"));
    for (String secret : List.of(PayUStubs.SALT)) {
      assertThat(lines).as("log lines containing a secret").noneMatch(l -> l.contains(secret));
    }
  }
}
