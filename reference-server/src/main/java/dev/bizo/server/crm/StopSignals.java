package dev.bizo.server.crm;

import dev.bizo.crm.search.BackgroundModel;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Holds SIGTERM and SIGINT while the search model is loading, then hands them on to the handler they had,
 * which exits the JVM as before (shutdown hooks, status 143 or 130).
 *
 * <p>Why: ONNX Runtime registers a JVM shutdown hook that frees its native environment, and the JVM starts all
 * shutdown hooks at once. A stop that came while the loader thread was inside {@code OrtSession.createSession}
 * freed the environment under it: SIGSEGV, an {@code hs_err} file, and WildFly's own stop cut short. Waiting in
 * WildFly's stop ({@link SearchModelWiring}) cannot help, since that runs beside ONNX Runtime's hook; the signal
 * must be held before any hook starts. The hold lasts at most {@code limit}; without a load in progress it is
 * immediate.
 */
final class StopSignals {

  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private StopSignals() {}

  /** Installs the hold for {@code model}'s loads; a JVM that does not let handlers be set keeps its own. */
  static void holdWhileLoading(BackgroundModel model, Duration limit) {
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      try {
        SignalHandler[] previous = new SignalHandler[1];
        previous[0] = Signal.handle(signal, received -> {
          if (model.state() == BackgroundModel.State.LOADING) {
            LOG.info("Search model: still loading; SIG{} waits up to {} s for it before the JVM stops", name, limit.toSeconds());
            if (!model.awaitSettled(limit)) {
              LOG.warn("Search model: still loading after {} s; stopping anyway", limit.toSeconds());
            }
          }
          handOn(previous[0], received);
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        LOG.warn("Cannot hold SIG{} while the search model loads ({}); a stop during the load may crash the JVM", name, e.getMessage());
      }
    }
  }

  private static void handOn(SignalHandler previous, Signal received) {
    if (previous == SignalHandler.SIG_DFL || previous == SignalHandler.SIG_IGN || previous == null) {
      // the JVM's own handler was not a Java one: exit as it would have, through the shutdown hooks
      System.exit(128 + received.getNumber());
    } else {
      previous.handle(received);
    }
  }
}
