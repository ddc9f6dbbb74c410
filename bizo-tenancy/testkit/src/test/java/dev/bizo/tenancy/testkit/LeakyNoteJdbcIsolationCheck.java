package dev.bizo.tenancy.testkit;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The contract's JDBC form applied to a table without row-level security. Not run on its own (no Test/IT
 * suffix): {@link ContractCatchesMissingIsolationIT} launches it and expects it to fail.
 */
public class LeakyNoteJdbcIsolationCheck extends TenantIsolationContract<Void> {

  @Override
  protected List<PersistenceModule> modules() {
    return List.of(PersistenceModule.of("leaky"));
  }

  @Override
  protected String table() {
    return "leaky_note";
  }

  @Override
  protected Object createRow(Connection connection, TenantId tenant) throws SQLException {
    UUID id = Ids.newUuid();
    try (PreparedStatement s = connection.prepareStatement("insert into leaky_note (id, tenant_id, body) values (?, ?, 'note')")) {
      s.setObject(1, id);
      s.setObject(2, tenant.value());
      s.executeUpdate();
    }
    return id;
  }
}
