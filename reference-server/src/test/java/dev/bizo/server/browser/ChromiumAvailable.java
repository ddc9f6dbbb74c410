package dev.bizo.server.browser;

import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the browser tests, as skipped (not passed) and with the reason in the report and on the console,
 * where Debian's Chromium is not installed; the suite's server is then never started for them.
 */
final class ChromiumAvailable implements ExecutionCondition {

  private static final AtomicBoolean TOLD = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Files.isExecutable(BrowserSupport.CHROMIUM)) {
      return ConditionEvaluationResult.enabled(BrowserSupport.CHROMIUM + " found");
    }
    String reason = "browser tests skipped: " + BrowserSupport.CHROMIUM
        + " not found (install Debian's chromium package to run them)";
    if (TOLD.compareAndSet(false, true)) {
      System.out.println("bizo-browser-it: " + reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }
}
