package dev.bizo.crm;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.internal.persistence.LeadRows;
import dev.bizo.crm.internal.persistence.LeadStore;
import dev.bizo.tenancy.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rescoring of each tenant's due leads, for a recurring background job: leads scored before the latest change
 * of the tenant's rules, thresholds or active model ({@link ScoringConfiguration}, {@link PredictiveModels}),
 * and leads whose engagement decayed since their last score. Obtain it from {@link LeadService#rescoring()}.
 */
public final class LeadRescoring {

  private final Transactions tx;
  private final Clock clock;
  private final LeadStore store;

  LeadRescoring(Transactions tx, Clock clock, LeadStore store) {
    this.tx = tx;
    this.clock = clock;
    this.store = store;
  }

  /**
   * Rescores up to {@code limit} of the tenant's due leads in one transaction: first those scored
   * before the latest change of rules, thresholds or active model, then those whose engagement decayed
   * since (see {@link LeadService.Builder#rescoreInterval}). Each rescored lead gets a history entry when its score
   * moved, and threshold events when it crossed a milestone, exactly as any other rescoring.
   *
   * <p>Meant for a recurring background job: it is idempotent (a rescored lead is no longer due), and
   * replicas may run it at the same time, since due leads are claimed with {@code FOR UPDATE SKIP
   * LOCKED} and each is rescored by one of them only. Call it until {@link RescoreBatch#done()}.
   */
  public RescoreBatch rescoreDue(TenantId tenant, int limit) {
    if (limit <= 0) {
      throw ValidationException.ofField("limit", "not_positive", "limit must be positive");
    }
    return tx.inTenantJdbc(
        tenant,
        c -> {
          LeadStore.TenantScoring scoring = store.scoring(c);
          Instant now = clock.instant();
          List<UUID> ids = new ArrayList<>();
          List<String> causes = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "select id from crm_lead where tenant_id = ? and score_generation < ?"
                      + " order by score_generation, id limit ? for update skip locked")) {
            p.setObject(1, tenant.value());
            p.setLong(2, scoring.generation());
            p.setInt(3, limit);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
                causes.add("rescore.configuration");
              }
            }
          }
          if (ids.size() < limit) {
            try (PreparedStatement p =
                c.prepareStatement(
                    "select id from crm_lead where tenant_id = ? and rescore_at <= ? and score_generation >= ?"
                        + " order by rescore_at, id limit ? for update skip locked")) {
              p.setObject(1, tenant.value());
              p.setObject(2, LeadRows.ts(now));
              p.setLong(3, scoring.generation());
              p.setInt(4, limit - ids.size());
              try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                  ids.add((UUID) rs.getObject(1));
                  causes.add("rescore.decay");
                }
              }
            }
          }
          int changed = 0;
          for (int i = 0; i < ids.size(); i++) {
            StoredLead before = store.find(c, new LeadId(ids.get(i)), false).orElseThrow();
            StoredLead after = store.rewrite(c, before, before.lead(), causes.get(i), scoring);
            if (after.score().value() != before.score().value()) {
              changed++;
            }
          }
          long remaining;
          try (PreparedStatement p =
              c.prepareStatement(
                  "select (select count(*) from crm_lead where tenant_id = ? and score_generation < ?)"
                      + " + (select count(*) from crm_lead where tenant_id = ? and rescore_at <= ? and score_generation >= ?)")) {
            p.setObject(1, tenant.value());
            p.setLong(2, scoring.generation());
            p.setObject(3, tenant.value());
            p.setObject(4, LeadRows.ts(now));
            p.setLong(5, scoring.generation());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              remaining = rs.getLong(1);
            }
          }
          return new RescoreBatch(ids.size(), changed, remaining);
        });
  }

}
