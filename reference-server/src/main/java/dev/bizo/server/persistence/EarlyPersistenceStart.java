package dev.bizo.server.persistence;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.server.config.ConfigurationProducer;
import dev.bizo.server.config.ServerState;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the platform's persistence (embedded PostgreSQL, migrations, pool and Hibernate) on its own thread as soon
 * as CDI begins discovering beans, instead of after it has finished: bean discovery and validation, the REST
 * deployment and the persistence start then share the machine's cores, and the server is ready about two seconds
 * sooner. {@link PlatformDatabase} takes the outcome when CDI creates it and fails the deployment with the start's
 * own exception, as if it had started the persistence itself.
 *
 * <p>Registered through {@code META-INF/services}; persistence that nobody took (the deployment failed before
 * {@link PlatformDatabase} was created) is closed when CDI shuts down. Not final: CDI injects extensions through
 * a client proxy.
 */
public class EarlyPersistenceStart implements Extension {

  private static final Logger LOG = LoggerFactory.getLogger(EarlyPersistenceStart.class);

  private final CompletableFuture<StartedPersistence> started = new CompletableFuture<>();
  private volatile boolean begun;
  private boolean taken;

  void begin(@Observes BeforeBeanDiscovery event) {
    ClassLoader deployment = EarlyPersistenceStart.class.getClassLoader();
    Thread thread = new Thread(() -> run(deployment), "bizo-persistence-start");
    thread.setDaemon(true);
    thread.setContextClassLoader(deployment);
    begun = true;
    thread.start();
  }

  private void run(ClassLoader deployment) {
    try {
      BizoConfig config = ConfigurationProducer.bizoConfig(ConfigProvider.getConfig(deployment));
      started.complete(PersistenceStart.start(config, ServerState.dataDir(config), Clock.systemUTC()));
    } catch (RuntimeException | Error e) {
      started.completeExceptionally(e);
    }
  }

  /**
   * The persistence this extension started, waiting for it to finish starting; empty when it never began or was
   * taken already. Throws what the start threw.
   */
  synchronized Optional<StartedPersistence> take() {
    if (!begun || taken) {
      return Optional.empty();
    }
    taken = true;
    try {
      return Optional.of(started.join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  synchronized void end(@Observes BeforeShutdown event) {
    if (!begun || taken) {
      return;
    }
    taken = true;
    started.whenComplete((persistence, failure) -> {
      if (persistence != null) {
        LOG.info("Persistence started early but never used (the deployment failed): closing it");
        persistence.close();
      }
    });
  }
}
