package dev.bizo.agents.trace;

import dev.bizo.agents.spi.RunStore;

class InMemoryRunStoreTest extends RunStoreContract {

  @Override
  protected RunStore store() {
    return new InMemoryRunStore();
  }
}
