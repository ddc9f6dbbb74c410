package dev.bizo.platform;

import dev.bizo.agents.spi.RunListener;
import dev.bizo.agents.spi.RunStore;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What an application adds to the agent runtime {@link Bizo} builds ({@link Bizo.Builder#agents(String,
 * java.util.function.Supplier)}): a wrapper around the PostgreSQL run store, a listener of run progress, and the
 * embedding model of the tenants' brand notes that ground the content agents write. Bizo wires the rest (the CRM,
 * payments, the configuration, the clock) as for every application.
 *
 * @param runStore wraps the PostgreSQL run store, e.g. to observe saved traces; the identity by default
 * @param listener told of each run's progress; none by default
 * @param brandNotesModel the model brand notes are embedded with; none by default (no brand notes are kept)
 */
public record AgentsSetup(UnaryOperator<RunStore> runStore, Optional<RunListener> listener,
    Optional<EmbeddingModel> brandNotesModel) {

  /** Checks every part is given. */
  public AgentsSetup {
    Objects.requireNonNull(runStore, "runStore");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(brandNotesModel, "brandNotesModel");
  }

  /** Run traces in PostgreSQL as they are, no listener, no brand notes: what {@link Bizo.Builder#agents(String)} uses. */
  public static AgentsSetup defaults() {
    return new AgentsSetup(UnaryOperator.identity(), Optional.empty(), Optional.empty());
  }

  /** This setup with run stores wrapped by {@code wrapper}. */
  public AgentsSetup withRunStore(UnaryOperator<RunStore> wrapper) {
    return new AgentsSetup(wrapper, listener, brandNotesModel);
  }

  /** This setup with {@code value} told of each run's progress. */
  public AgentsSetup withListener(RunListener value) {
    return new AgentsSetup(runStore, Optional.of(value), brandNotesModel);
  }

  /** This setup keeping brand notes, embedded with {@code model}. */
  public AgentsSetup withBrandNotes(EmbeddingModel model) {
    return new AgentsSetup(runStore, listener, Optional.of(model));
  }
}
