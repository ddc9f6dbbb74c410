package dev.bizo.agents.spi;

import dev.bizo.core.TenantId;
import java.util.List;

/**
 * The port through which agents read a tenant's marketing data.
 *
 * <p>The CRM module (leads, scoring, embeddings) and the payments module implement it in an adapter; agents
 * never see a tenant other than the one a run was started for. Every method is a read and must be safe to
 * call concurrently. Implementations throw {@link dev.bizo.core.BizoException} subtypes on failure and return
 * empty results, never {@code null}, when there is nothing to report.
 *
 * <p>Implementations should pass {@code MarketingDataSourceContract} from this module's tests.
 */
public interface MarketingDataSource {

  /**
   * Lead figures for a period.
   *
   * @param tenant the tenant
   * @param period the period
   * @return the figures; zero counts when the tenant had no leads
   */
  LeadFigures leadAnalytics(TenantId tenant, DayRange period);

  /**
   * Payment figures for a period.
   *
   * @param tenant the tenant
   * @param period the period
   * @return the figures; zero amounts in the tenant's currency when nothing was paid
   */
  PaymentAnalytics paymentAnalytics(TenantId tenant, DayRange period);

  /**
   * Open leads with their scores and the scorer's explanations, highest score first.
   *
   * @param tenant the tenant
   * @param limit the most leads to return, at least 1
   * @return at most {@code limit} leads, ordered by descending score
   */
  List<ScoredLead> topScoredLeads(TenantId tenant, int limit);

  /**
   * Semantic search over the tenant's brand notes.
   *
   * @param tenant the tenant
   * @param query what the caller is looking for
   * @param limit the most passages to return, at least 1
   * @return at most {@code limit} passages, most relevant first
   */
  List<BrandNote> searchBrandNotes(TenantId tenant, String query, int limit);
}
