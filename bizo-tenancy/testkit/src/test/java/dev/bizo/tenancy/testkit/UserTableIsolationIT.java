package dev.bizo.tenancy.testkit;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.internal.UserRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

class UserTableIsolationIT extends TenantIsolationContract<UserRow> {

  @Override
  protected List<PersistenceModule> modules() {
    return List.of();
  }

  @Override
  protected Optional<Class<UserRow>> entityClass() {
    return Optional.of(UserRow.class);
  }

  @Override
  protected String table() {
    return "tenant_user";
  }

  @Override
  protected Object createRow(Session session, TenantId tenant) {
    UserRow row = new UserRow(Ids.newUuid(), Ids.newUuid() + "@users.test", null, "MEMBER", true, Instant.now());
    session.persist(row);
    return row.id;
  }
}
