package dev.bizo.crm.search;

import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.crm.search.tck.LeadSearchContract;
import dev.bizo.tenancy.TenancyDatabase;

/**
 * The in-process HNSW store passes the search contract, cross-tenant cases included, with every search
 * answered by its graphs: they are built on the caller's thread here, so no search falls back to the exact scan.
 */
class HnswStoreIT extends LeadSearchContract {

  @Override
  protected LeadVectorStore store(TenancyDatabase database) {
    return HnswStore.builder(database.transactions(), BundledModel.DIMENSION).buildExecutor(Runnable::run).build();
  }
}
