package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.auth.spi.CredentialStore;
import dev.bizo.tenancy.auth.spi.UserCredentials;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link CredentialStore}. Implementations supply the store and a way to create
 * a tenant with one user.
 */
public abstract class CredentialStoreContract {

  /** The store under test. */
  protected abstract CredentialStore store();

  /**
   * Creates a tenant with slug {@code slug} (if missing) and an active user in it.
   *
   * @return the user as stored
   */
  protected abstract UserCredentials givenUser(String slug, String email, String passwordHash, Set<String> roles);

  private String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void finds_a_user_by_slug_and_email_ignoring_case() {
    String slug = unique("acme-");
    UserCredentials ann = givenUser(slug, "ann@acme.test", "$argon2id$hash-a", Set.of("OWNER"));

    assertThat(store().findTenant(slug)).contains(ann.tenant());
    UserCredentials found = store().findByEmail(ann.tenant(), "ANN@Acme.test").orElseThrow();

    assertThat(found.userId()).isEqualTo(ann.userId());
    assertThat(found.tenant()).isEqualTo(ann.tenant());
    assertThat(found.passwordHash()).contains("$argon2id$hash-a");
    assertThat(found.roles()).containsExactly("OWNER");
    assertThat(found.active()).isTrue();
  }

  @Test
  void answers_empty_for_unknown_tenant_or_user() {
    String slug = unique("acme-");
    UserCredentials ann = givenUser(slug, "ann@acme.test", "$argon2id$hash-a", Set.of("MEMBER"));

    assertThat(store().findTenant(unique("nope-"))).isEmpty();
    assertThat(store().findByEmail(ann.tenant(), "bob@acme.test")).isEmpty();
    assertThat(store().findByEmail(TenantId.generate(), "ann@acme.test")).isEmpty();
    assertThat(store().findById(TenantId.generate(), UUID.randomUUID())).isEmpty();
  }

  @Test
  void keeps_same_email_in_two_tenants_apart() {
    String a = unique("a-");
    String b = unique("b-");
    UserCredentials inA = givenUser(a, "same@x.test", "$argon2id$in-a", Set.of("OWNER"));
    UserCredentials inB = givenUser(b, "same@x.test", "$argon2id$in-b", Set.of("VIEWER"));

    assertThat(store().findByEmail(inA.tenant(), "same@x.test").orElseThrow().userId()).isEqualTo(inA.userId());
    assertThat(store().findByEmail(inB.tenant(), "same@x.test").orElseThrow().passwordHash()).contains("$argon2id$in-b");
    assertThat(store().findById(inA.tenant(), inB.userId())).isEmpty();
  }

  @Test
  void updates_the_password_hash_of_one_user() {
    String slug = unique("acme-");
    UserCredentials ann = givenUser(slug, "ann@acme.test", "$argon2id$old", Set.of("OWNER"));
    UserCredentials bob = givenUser(slug, "bob@acme.test", "$argon2id$bob", Set.of("MEMBER"));

    store().updatePasswordHash(ann.tenant(), ann.userId(), "$argon2id$new");

    assertThat(store().findById(ann.tenant(), ann.userId()).orElseThrow().passwordHash()).contains("$argon2id$new");
    assertThat(store().findById(bob.tenant(), bob.userId()).orElseThrow().passwordHash()).contains("$argon2id$bob");
  }
}
