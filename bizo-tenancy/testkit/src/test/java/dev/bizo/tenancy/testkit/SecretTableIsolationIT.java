package dev.bizo.tenancy.testkit;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.internal.SecretRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

class SecretTableIsolationIT extends TenantIsolationContract<SecretRow> {

  @Override
  protected List<PersistenceModule> modules() {
    return List.of();
  }

  @Override
  protected Optional<Class<SecretRow>> entityClass() {
    return Optional.of(SecretRow.class);
  }

  @Override
  protected String table() {
    return "tenant_secret";
  }

  @Override
  protected Object createRow(Session session, TenantId tenant) {
    SecretRow row = new SecretRow(Ids.newUuid(), "secret-" + Ids.newUuid(), "mk-test", new byte[12], new byte[] {1, 2, 3}, Instant.now());
    session.persist(row);
    return row.id;
  }
}
