package dev.bizo.payments.it;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.payments.PaymentService;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.testkit.TenantIsolationContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payment table passes tenancy's isolation contract: forced RLS binds the app role on every path. */
class PaymentTenantIsolationIT extends TenantIsolationContract<Void> {

  @Override
  protected List<PersistenceModule> modules() {
    return PaymentService.persistenceModules();
  }

  @Override
  protected String table() {
    return "payment";
  }

  @Override
  protected Object createRow(Connection connection, TenantId tenant) throws SQLException {
    UUID id = Ids.newUuid();
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement s = connection.prepareStatement(
        "insert into payment (id, tenant_id, gateway_id, amount_minor, currency, status, capture_mode, created_at, updated_at)"
            + " values (?, ?, 'simulator', 1000, 'EUR', 'NEW', 'AUTOMATIC', ?, ?)")) {
      s.setObject(1, id);
      s.setObject(2, tenant.value());
      s.setTimestamp(3, now);
      s.setTimestamp(4, now);
      s.executeUpdate();
    }
    return id;
  }
}
