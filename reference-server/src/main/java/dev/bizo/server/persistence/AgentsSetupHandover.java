package dev.bizo.server.persistence;

import dev.bizo.platform.AgentsSetup;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The server's additions to the agent runtime (run events, brand notes over the search model), handed from {@code
 * AgentWiring}, which has them as CDI beans, to the {@link dev.bizo.platform.Bizo} that {@link PersistenceStart}
 * started before CDI made any bean: Bizo asks for them when {@code AgentWiring} first asks it for the runtime.
 */
public final class AgentsSetupHandover implements Supplier<AgentsSetup> {

  private volatile AgentsSetup setup;

  AgentsSetupHandover() {}

  /** Hands the setup over; called once, before the runtime is first asked for. */
  public void handOver(AgentsSetup value) {
    this.setup = Objects.requireNonNull(value, "setup");
  }

  /**
   * The handed-over setup.
   *
   * @throws IllegalStateException when nothing was handed over yet: the runtime was asked for outside {@code
   *     AgentWiring}
   */
  @Override
  public AgentsSetup get() {
    AgentsSetup value = setup;
    if (value == null) {
      throw new IllegalStateException("The agent runtime was asked for before AgentWiring handed over its setup");
    }
    return value;
  }
}
