package dev.bizo.tenancy.auth;

import dev.bizo.tenancy.auth.spi.CredentialStore;
import dev.bizo.tenancy.auth.spi.UserCredentials;
import java.util.Set;

class InMemoryCredentialStoreTest extends CredentialStoreContract {

  private final InMemoryCredentialStore store = new InMemoryCredentialStore();

  @Override
  protected CredentialStore store() {
    return store;
  }

  @Override
  protected UserCredentials givenUser(String slug, String email, String passwordHash, Set<String> roles) {
    return store.addUser(slug, email, passwordHash, roles, true);
  }
}
