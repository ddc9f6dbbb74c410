package dev.bizo.crm.search;

import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.crm.search.tck.LeadSearchContract;
import dev.bizo.tenancy.TenancyDatabase;

/** The reference store passes the search contract, cross-tenant cases included. */
class ExactScanStoreIT extends LeadSearchContract {

  @Override
  protected LeadVectorStore store(TenancyDatabase database) {
    return new ExactScanStore(database.transactions(), BundledModel.DIMENSION, 4);
  }
}
