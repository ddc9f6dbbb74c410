package dev.bizo.payments.it;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.core.events.Outbox;
import dev.bizo.payments.PaymentService;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.testkit.TenantIsolationContract;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** The payment table passes tenancy's isolation contract: forced RLS binds the app role on every path. */
class PaymentTenantIsolationIT extends TenantIsolationContract<PaymentRow> {

  @Override
  protected List<PersistenceModule> modules() {
    return List.of(
        new PersistenceModule("core", Outbox.MIGRATION_LOCATION, "flyway_history_core", List.of()),
        new PersistenceModule(
            "payments", PaymentService.MIGRATION_LOCATION, "flyway_history_payments", List.of(PaymentRow.class)));
  }

  @Override
  protected Class<PaymentRow> entityClass() {
    return PaymentRow.class;
  }

  @Override
  protected String table() {
    return "payment";
  }

  @Override
  protected Object createRow(Session session, TenantId tenant) {
    PaymentRow row = new PaymentRow();
    row.id = Ids.newUuid();
    row.gatewayId = "simulator";
    row.amountMinor = 1000;
    row.currency = "EUR";
    row.status = "NEW";
    row.captureMode = "AUTOMATIC";
    row.createdAt = Instant.now();
    row.updatedAt = row.createdAt;
    session.persist(row);
    UUID id = row.id;
    return id;
  }
}
