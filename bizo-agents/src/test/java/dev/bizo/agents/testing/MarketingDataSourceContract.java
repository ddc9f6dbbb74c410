package dev.bizo.agents.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.agents.spi.BrandNote;
import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.spi.ScoredLead;
import dev.bizo.core.BizoException;
import dev.bizo.core.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract every {@link MarketingDataSource} passes. Subclasses provide a source holding data for
 * {@link #tenant()}, with at least two open leads and a brand note matching {@link #brandQuery()}.
 */
public abstract class MarketingDataSourceContract {

  /** The source under test. */
  protected abstract MarketingDataSource source();

  /** The tenant whose data the source holds. */
  protected abstract TenantId tenant();

  /** A period with activity. */
  protected abstract DayRange activePeriod();

  /** A query matching at least one brand note. */
  protected abstract String brandQuery();

  @Test
  void scored_leads_come_highest_first_and_respect_the_limit() {
    List<ScoredLead> leads = source().topScoredLeads(tenant(), 2);
    assertThat(leads).hasSizeLessThanOrEqualTo(2).hasSizeGreaterThanOrEqualTo(2);
    assertThat(leads.get(0).score()).isGreaterThanOrEqualTo(leads.get(1).score());
  }

  @Test
  void brand_search_returns_relevant_notes_most_relevant_first() {
    List<BrandNote> notes = source().searchBrandNotes(tenant(), brandQuery(), 3);
    assertThat(notes).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    for (int i = 1; i < notes.size(); i++) {
      assertThat(notes.get(i - 1).relevance()).isGreaterThanOrEqualTo(notes.get(i).relevance());
    }
  }

  @Test
  void analytics_count_what_happened_in_the_period() {
    assertThat(source().leadAnalytics(tenant(), activePeriod()).newLeads()).isPositive();
    assertThat(source().paymentAnalytics(tenant(), activePeriod()).grossRevenue().isPositive()).isTrue();
  }

  @Test
  void another_tenant_sees_nothing_of_this_tenants_data() {
    TenantId other = TenantId.generate();
    try {
      assertThat(source().topScoredLeads(other, 10)).isEmpty();
      assertThat(source().searchBrandNotes(other, brandQuery(), 5)).isEmpty();
    } catch (BizoException refused) {
      assertThat(refused.code()).isNotBlank();
    }
  }

  @Test
  void a_limit_below_one_is_refused() {
    assertThatThrownBy(() -> source().topScoredLeads(tenant(), 0)).isInstanceOf(BizoException.class);
  }
}
