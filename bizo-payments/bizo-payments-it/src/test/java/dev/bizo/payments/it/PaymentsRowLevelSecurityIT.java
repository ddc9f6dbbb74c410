package dev.bizo.payments.it;

import dev.bizo.payments.PaymentService;
import dev.bizo.tenancy.testkit.ForcedRowLevelSecurity;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** Every table of the payments module (and core's outbox it writes to) is under forced row-level security. */
@RealServices
class PaymentsRowLevelSecurityIT {

  @Test
  void every_payments_table_with_a_tenant_column_is_under_forced_row_level_security(TestDatabase db) {
    TestTenancy.start(db, PaymentService.persistenceModules()).close();
    ForcedRowLevelSecurity.assertEveryTenantTable(db, "payment", "payment_transaction", "payment_idempotency",
        "payment_webhook_event", "payment_history", "bizo_outbox");
  }
}
