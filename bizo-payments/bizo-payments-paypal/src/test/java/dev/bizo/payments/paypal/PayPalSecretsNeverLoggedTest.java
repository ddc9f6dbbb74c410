package dev.bizo.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Runs the TCK and the PayPal tests with every log captured (logback on the root logger; our code, the
 * PayPal SDK, its apimatic runtime and OkHttp at DEBUG; java.util.logging too) and checks that neither the
 * client secret, nor the Basic credentials made from it, nor an access token appears anywhere.
 */
class PayPalSecretsNeverLoggedTest {

  private static final List<String> VERBOSE = List.of("dev.bizo", "com.paypal", "io.apimatic", "okhttp3");

  @Test
  void no_secret_or_token_reaches_a_log_during_a_full_run() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Map<Logger, Level> previous = new LinkedHashMap<>();
    for (String name : VERBOSE) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      previous.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
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
    julRoot.addHandler(jul);
    TestExecutionSummary summary;
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(PayPalGatewayTckTest.class), selectClass(PayPalGatewayTest.class),
              selectClass(PayPalWebhookTest.class))
          .build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request, listener);
      summary = listener.getSummary();
    } finally {
      julRoot.removeHandler(jul);
      previous.forEach(Logger::setLevel);
      root.detachAppender(appender);
      appender.stop();
    }

    assertThat(summary.getTotalFailureCount()).as("failures in the captured run").isZero();
    assertThat(summary.getTestsSucceededCount()).isGreaterThanOrEqualTo(55);
    List<String> lines = new ArrayList<>(julLines);
    for (ILoggingEvent event : appender.list) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    assertThat(lines).as("the run logged our debug lines").anyMatch(l -> l.startsWith("paypal PURCHASE"));
    String basic = Base64.getEncoder().encodeToString(
        (PayPalStubs.CLIENT_ID + ":" + PayPalStubs.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    for (String secret : List.of(PayPalStubs.CLIENT_SECRET, PayPalStubs.ACCESS_TOKEN, basic)) {
      assertThat(lines).as("log lines containing a secret").noneMatch(l -> l.contains(secret));
    }
  }
}
