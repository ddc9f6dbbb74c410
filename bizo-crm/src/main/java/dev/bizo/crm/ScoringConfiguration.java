package dev.bizo.crm;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.internal.persistence.LeadRows;
import dev.bizo.crm.internal.persistence.LeadStore;
import dev.bizo.crm.scoring.RuleBasedScorer;
import dev.bizo.crm.scoring.RuleSet;
import dev.bizo.crm.scoring.ScoreThresholds;
import dev.bizo.crm.scoring.spi.LeadScorer;
import dev.bizo.tenancy.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * Each tenant's scoring configuration: the rules its leads are scored by while no predictive model is active,
 * its priority bands and milestones, and the scorer new scores use now. Every change moves the tenant's scoring
 * generation, so every lead is then due for rescoring ({@link LeadRescoring#rescoreDue}). Obtain it from
 * {@link LeadService#scoringConfiguration()}; it shares the service's transactions, clock and defaults.
 *
 * <pre>{@code
 * ScoringConfiguration scoring = leads.scoringConfiguration();
 * scoring.putScoringRules(tenant, rulesJson, "user-7");
 * ScoreThresholds bands = scoring.scoreThresholds(tenant);
 * }</pre>
 */
public final class ScoringConfiguration {

  private final Transactions tx;
  private final Clock clock;
  private final LeadStore store;

  ScoringConfiguration(Transactions tx, Clock clock, LeadStore store) {
    this.tx = tx;
    this.clock = clock;
    this.store = store;
  }

  /**
   * The rules the tenant's leads are scored by while no model is active: its own, or the service's
   * default rules (the seeds' rules unless the builder set others; a custom non-rule scorer shows as
   * {@link RuleSet#defaults()}).
   */
  public RuleSet scoringRules(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant,
        c -> store.config(c).flatMap(LeadStore.StoredConfig::rules).orElseGet(this::defaultRules));
  }

  /** Whether the tenant stored its own rules ({@link #putScoringRules}). */
  public boolean hasOwnScoringRules(TenantId tenant) {
    return tx.inTenantJdbc(tenant, c -> store.config(c).flatMap(LeadStore.StoredConfig::rules).isPresent());
  }

  /**
   * Stores the tenant's rules. Every lead is then due for rescoring ({@link LeadRescoring#rescoreDue}); new
   * scores use the rules at once (unless a predictive model is active).
   *
   * @param by who changed them, for the record
   * @return the stored rules
   */
  public RuleSet putScoringRules(TenantId tenant, RuleSet rules, String by) {
    Objects.requireNonNull(rules, "rules");
    requireAuthor(by);
    tx.inTenantJdbc(tenant, c -> bumpGeneration(c, tenant, "rules", rules.toJson(), by, clock));
    return rules;
  }

  /**
   * Parses, validates and stores the tenant's rules (the body of a PUT).
   *
   * @throws ValidationException one field error per problem, with paths such as {@code groups[1].fit[0].operator}
   */
  public RuleSet putScoringRules(TenantId tenant, String json, String by) {
    return putScoringRules(tenant, RuleSet.fromJson(json), by);
  }

  /** Drops the tenant's own rules: it falls back to the service's rules, and every lead is due for rescoring. */
  public void resetScoringRules(TenantId tenant, String by) {
    requireAuthor(by);
    tx.inTenantJdbc(tenant, c -> bumpGeneration(c, tenant, "rules", null, by, clock));
  }

  /** The tenant's priority bands and milestones: its own, or the service's. */
  public ScoreThresholds scoreThresholds(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant, c -> store.config(c).flatMap(LeadStore.StoredConfig::thresholds).orElse(store.defaultThresholds()));
  }

  /**
   * Stores the tenant's thresholds. Priorities are recomputed by {@link LeadRescoring#rescoreDue}; a lead emits
   * {@code lead.threshold_crossed} when a later score crosses one of the new milestones upwards.
   */
  public ScoreThresholds putScoreThresholds(TenantId tenant, ScoreThresholds thresholds, String by) {
    Objects.requireNonNull(thresholds, "thresholds");
    requireAuthor(by);
    tx.inTenantJdbc(tenant, c -> bumpGeneration(c, tenant, "thresholds", thresholds.toJson(), by, clock));
    return thresholds;
  }

  /** Parses, validates and stores the tenant's thresholds (the body of a PUT). */
  public ScoreThresholds putScoreThresholds(TenantId tenant, String json, String by) {
    return putScoreThresholds(tenant, ScoreThresholds.fromJson(json), by);
  }

  /** The scorer new scores of this tenant use now. */
  public LeadScorer activeScorer(TenantId tenant) {
    return tx.inTenantJdbc(tenant, store::activeScorer);
  }

  private RuleSet defaultRules() {
    LeadScorer rules = store.defaultRules();
    return rules instanceof RuleBasedScorer ? ((RuleBasedScorer) rules).rules() : RuleSet.defaults();
  }

  /**
   * Records a change of the tenant's scoring: {@code column} (rules or thresholds) gets {@code json}
   * (null resets it), or with column "model" nothing but the generation moves.
   */
  static long bumpGeneration(Connection c, TenantId tenant, String column, String json, String by, Clock clock)
      throws SQLException {
    String set = column.equals("model") ? "" : column + " = excluded." + column + ", ";
    String insertColumn = column.equals("model") ? "" : ", " + column;
    String insertValue = column.equals("model") ? "" : ", cast(? as jsonb)";
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into crm_scoring_config (tenant_id, generation, updated_at, updated_by" + insertColumn + ")"
                + " values (?, 1, ?, ?" + insertValue + ") on conflict (tenant_id) do update set " + set
                + "generation = crm_scoring_config.generation + 1, updated_at = excluded.updated_at,"
                + " updated_by = excluded.updated_by returning generation")) {
      p.setObject(1, tenant.value());
      p.setObject(2, LeadRows.ts(clock.instant()));
      p.setString(3, by);
      if (!column.equals("model")) {
        p.setString(4, json);
      }
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void requireAuthor(String by) {
    if (by == null || by.isBlank()) {
      throw ValidationException.ofField("by", "required", "say who changes the scoring");
    }
  }
}
