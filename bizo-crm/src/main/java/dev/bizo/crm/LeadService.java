package dev.bizo.crm;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Ids;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.crm.importing.ImportFormat;
import dev.bizo.crm.importing.ImportId;
import dev.bizo.crm.importing.ImportMode;
import dev.bizo.crm.importing.ImportProgressListener;
import dev.bizo.crm.importing.ImportResult;
import dev.bizo.crm.internal.persistence.BatchedImport;
import dev.bizo.crm.internal.persistence.LeadQueries;
import dev.bizo.crm.internal.persistence.LeadRows;
import dev.bizo.crm.internal.persistence.LeadStore;
import dev.bizo.crm.scoring.PredictiveModelTrainer;
import dev.bizo.crm.scoring.RuleBasedScorer;
import dev.bizo.crm.scoring.ScoreHistoryEntry;
import dev.bizo.crm.scoring.ScoreThresholds;
import dev.bizo.crm.scoring.spi.LeadScorer;
import dev.bizo.tenancy.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Leads of every tenant, stored in PostgreSQL under row-level security. Each call is one transaction
 * in the given tenant's scope: the lead, its score and explanation, its score history, its status
 * history and the domain events in core's outbox are written together or not at all.
 *
 * <p>This service keeps leads and their lifecycle: create, read, update, delete, status changes,
 * activities, their histories, queries and imports. Scoring uses the tenant's active predictive model when
 * one is activated ({@link PredictiveModels#activateModel}), else the tenant's own rules
 * ({@link ScoringConfiguration#putScoringRules}), else the rule-based scorer given to the builder (the seeds'
 * rules by default); thresholds come from the tenant ({@link ScoringConfiguration#putScoreThresholds}) or the
 * builder. A score that crosses one of the thresholds' milestones emits {@code lead.threshold_crossed}, once
 * per crossing. The builder also makes the services that share its scoring: {@link #scoringConfiguration()},
 * {@link #predictiveModels()} and {@link #rescoring()}.
 *
 * <p>Background work, for the server's scheduler: {@link LeadRescoring#rescoreDue} (after a configuration
 * change, and as engagement decays) and {@link PredictiveModels#trainModel}; both are tenant-scoped,
 * idempotent and safe on several replicas.
 *
 * <p>Events: {@code lead.created}, {@code lead.updated}, {@code lead.deleted},
 * {@code lead.status_changed}, {@code lead.activity_added}, {@code lead.threshold_crossed}; aggregate
 * type {@code lead}, aggregate id the lead id.
 *
 * <pre>{@code
 * LeadService leads = LeadService.builder(database.transactions()).clock(clock).build();
 * StoredLead ada = leads.create(tenant, Lead.builder(tenant, clock).name("Ada").email("ada@x.io").build());
 * leads.changeStatus(tenant, ada.id(), LeadStatus.CONTACTED, "user-7");
 * LeadPage page = leads.query(tenant, LeadQuery.builder().minScore(60).build());
 * }</pre>
 */
public final class LeadService {

  private final Transactions tx;
  private final Clock clock;
  private final LeadStore store;
  private final ScoringConfiguration scoringConfiguration;
  private final PredictiveModels predictiveModels;
  private final LeadRescoring rescoring;
  private final LeadAnalytics analytics;

  private LeadService(Builder b) {
    this.tx = b.transactions;
    this.clock = b.clock;
    this.store = new LeadStore(b.clock, b.thresholds, b.rules, b.rescoreInterval);
    this.scoringConfiguration = new ScoringConfiguration(tx, clock, store);
    this.predictiveModels = new PredictiveModels(tx, clock, store, b.trainer, b.maxTrainingLeads);
    this.rescoring = new LeadRescoring(tx, clock, store);
    this.analytics = new LeadAnalytics(tx);
  }

  /** A service over {@code transactions} with the system clock, default thresholds and default rules. */
  public static Builder builder(Transactions transactions) {
    return new Builder(transactions);
  }

  /** The tenants' scoring rules and thresholds, which this service's scores follow. */
  public ScoringConfiguration scoringConfiguration() {
    return scoringConfiguration;
  }

  /** The tenants' predictive models: training, versions and activation. */
  public PredictiveModels predictiveModels() {
    return predictiveModels;
  }

  /** Rescoring of the tenants' due leads, for a background job. */
  public LeadRescoring rescoring() {
    return rescoring;
  }

  /**
   * The reports over this service's leads (counts, funnel, cohorts), read from pre-aggregated counters.
   *
   * @return the reports, over the same transactions
   */
  public LeadAnalytics analytics() {
    return analytics;
  }

  /**
   * Scores and stores a new lead with its first score-history entry, and emits {@code lead.created}
   * (plus {@code lead.threshold_crossed} for each milestone the first score reaches).
   *
   * @throws ConflictException {@code lead.duplicate_email} when another lead of the tenant has the same
   *     e-mail address in any case; the message names that lead's id
   * @throws ValidationException when the lead belongs to another tenant
   */
  public StoredLead create(TenantId tenant, Lead lead) {
    requireTenant(tenant, lead);
    return tx.inTenantJdbc(
        tenant,
        c -> {
          LeadStore.Insertion insertion = store.insertNew(c, lead, store.scoring(c), null, true);
          if (insertion.existing().isPresent()) {
            throw LeadStore.duplicate(lead, insertion.existing().get());
          }
          return insertion.stored().orElseThrow();
        });
  }

  /** The lead with this id, if the tenant has it. */
  public Optional<StoredLead> get(TenantId tenant, LeadId id) {
    Objects.requireNonNull(id, "id");
    return tx.inTenantJdbc(tenant, c -> store.find(c, id, false));
  }

  /**
   * Changes some fields of a lead, PATCH-like: {@code patch} receives the current values in a builder and
   * sets only what changes, e.g. {@code b -> b.company("Engines Ltd").tags(List.of("vip"))}. The lead is
   * rescored; {@code lead.updated} is emitted.
   *
   * @throws NotFoundException when the tenant has no such lead
   * @throws ValidationException when the patch changes the id, tenant, creation time or status (use
   *     {@link #changeStatus}), or makes the lead invalid
   * @throws ConflictException {@code lead.duplicate_email} when the new e-mail belongs to another lead
   */
  public StoredLead update(TenantId tenant, LeadId id, UnaryOperator<Lead.Builder> patch) {
    Objects.requireNonNull(patch, "patch");
    return tx.inTenantJdbc(
        tenant,
        c -> {
          StoredLead before = store.lock(c, id);
          Lead old = before.lead();
          Lead patched = patch.apply(old.toBuilder()).build();
          if (!patched.id().equals(old.id()) || !patched.tenantId().equals(old.tenantId())
              || !patched.createdAt().equals(old.createdAt())) {
            throw ValidationException.ofField("id", "immutable", "id, tenant and creation time cannot change");
          }
          if (patched.status() != old.status()) {
            throw ValidationException.ofField("status", "use_change_status", "status changes go through changeStatus");
          }
          Lead lead = patched.toBuilder().updatedAt(later(old.updatedAt())).build();
          if (lead.email().isPresent() && !lead.email().equals(old.email())) {
            Optional<LeadId> holder = emailHolder(c, lead);
            if (holder.isPresent()) {
              throw LeadStore.duplicate(lead, holder.get());
            }
          }
          StoredLead after = store.rewrite(c, before, lead, "lead.updated");
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("leadId", id.toString());
          payload.put("score", after.score().value());
          store.emit(c, tenant, "lead.updated", id, payload);
          return after;
        });
  }

  /**
   * Deletes a lead and its activities and emits {@code lead.deleted}. Its status and score history stay:
   * they are append-only records of what happened.
   *
   * @throws NotFoundException when the tenant has no such lead
   */
  public void delete(TenantId tenant, LeadId id) {
    Objects.requireNonNull(id, "id");
    tx.inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement p = c.prepareStatement("delete from crm_lead where id = ?")) {
            p.setObject(1, id.value());
            if (p.executeUpdate() == 0) {
              throw NotFoundException.of("lead", id.toString());
            }
          }
          store.emit(c, tenant, "lead.deleted", id, Map.of("leadId", id.toString()));
          return null;
        });
  }

  /**
   * Moves a lead along the lifecycle ({@link LeadLifecycle}), records who moved it and when, rescores it
   * and emits {@code lead.status_changed}.
   *
   * @param by who made the change (a user id or a system name)
   * @throws ConflictException {@code lead.illegal_transition} for a move the table does not allow
   * @throws NotFoundException when the tenant has no such lead
   */
  public StoredLead changeStatus(TenantId tenant, LeadId id, LeadStatus to, String by) {
    Objects.requireNonNull(to, "to");
    return tx.inTenantJdbc(
        tenant,
        c -> {
          StoredLead before = store.lock(c, id);
          LeadLifecycle.Transition t = LeadLifecycle.move(before.lead(), to, by, clock);
          Lead moved = t.lead().toBuilder().updatedAt(later(before.lead().updatedAt())).build();
          StatusChange change = t.change();
          try (PreparedStatement p =
              c.prepareStatement(
                  "insert into crm_lead_status_change (id, tenant_id, lead_id, from_status, to_status, changed_by,"
                      + " changed_at, entered_from) select ?, tenant_id, id, ?, ?, ?, ?, status_since from crm_lead where id = ?")) {
            p.setObject(1, Ids.newUuid());
            p.setString(2, change.from().name());
            p.setString(3, change.to().name());
            p.setString(4, change.by());
            p.setObject(5, LeadRows.ts(change.at()));
            p.setObject(6, id.value());
            p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "update crm_lead set status_since = ?, furthest_stage = greatest(furthest_stage, ?) where id = ?")) {
            p.setObject(1, LeadRows.ts(change.at()));
            p.setInt(2, stage(to));
            p.setObject(3, id.value());
            p.executeUpdate();
          }
          StoredLead after = store.rewrite(c, before, moved, "lead.status_changed");
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("leadId", id.toString());
          payload.put("from", change.from().name());
          payload.put("to", change.to().name());
          payload.put("by", change.by());
          store.emit(c, tenant, "lead.status_changed", id, payload);
          return after;
        });
  }

  /** Every status change of a lead, oldest first (kept after the lead is deleted). */
  public List<StatusChange> statusHistory(TenantId tenant, LeadId id) {
    Objects.requireNonNull(id, "id");
    return tx.inTenantJdbc(
        tenant,
        c -> {
          List<StatusChange> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "select from_status, to_status, changed_by, changed_at from crm_lead_status_change"
                      + " where lead_id = ? order by changed_at, id")) {
            p.setObject(1, id.value());
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StatusChange(
                        id,
                        LeadStatus.valueOf(rs.getString(1)),
                        LeadStatus.valueOf(rs.getString(2)),
                        rs.getString(3),
                        LeadRows.instant(rs, "changed_at")));
              }
            }
          }
          return out;
        });
  }

  /**
   * Records an activity on a lead and rescores it (engagement rules read activities); emits
   * {@code lead.activity_added}.
   *
   * @throws NotFoundException when the tenant has no such lead
   */
  public StoredLead addActivity(TenantId tenant, LeadId id, Activity activity) {
    Objects.requireNonNull(activity, "activity");
    return tx.inTenantJdbc(
        tenant,
        c -> {
          StoredLead before = store.lock(c, id);
          try (PreparedStatement p =
              c.prepareStatement(
                  "insert into crm_activity (id, tenant_id, lead_id, type, occurred_at, detail) values (?, ?, ?, ?, ?, ?)")) {
            p.setObject(1, Ids.newUuid());
            p.setObject(2, tenant.value());
            p.setObject(3, id.value());
            p.setString(4, activity.type().name());
            p.setObject(5, LeadRows.ts(activity.at()));
            p.setString(6, activity.detail());
            p.executeUpdate();
          }
          Lead lead = before.lead().toBuilder().updatedAt(later(before.lead().updatedAt())).build();
          StoredLead after = store.rewrite(c, before, lead, "activity." + activity.type().name().toLowerCase(Locale.ROOT));
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("leadId", id.toString());
          payload.put("type", activity.type().name());
          store.emit(c, tenant, "lead.activity_added", id, payload);
          return after;
        });
  }

  /** A lead's activities, oldest first. */
  public List<Activity> activities(TenantId tenant, LeadId id) {
    Objects.requireNonNull(id, "id");
    return tx.inTenantJdbc(tenant, c -> store.activities(c, id));
  }

  /** A lead's score changes, oldest first. */
  public List<ScoreHistoryEntry> scoreHistory(TenantId tenant, LeadId id) {
    Objects.requireNonNull(id, "id");
    return tx.inTenantJdbc(
        tenant,
        c -> {
          List<ScoreHistoryEntry> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "select previous_score, new_score, delta, cause, scorer_id, scorer_version, scored_at"
                      + " from crm_score_history where lead_id = ? order by scored_at, id")) {
            p.setObject(1, id.value());
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ScoreHistoryEntry(
                        tenant, id, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), LeadRows.instant(rs, "scored_at")));
              }
            }
          }
          return out;
        });
  }

  /**
   * One page of the tenant's leads matching {@code query}, by keyset on (sort key, id): rows inserted
   * while a client pages never make a page skip or repeat a row.
   *
   * @throws ValidationException {@code cursor} when the cursor is not one this service returned for
   *     the same order
   */
  public LeadPage query(TenantId tenant, LeadQuery query) {
    Objects.requireNonNull(query, "query");
    return tx.inTenantJdbc(tenant, c -> LeadQueries.page(c, tenant, query, clock));
  }

  /**
   * Imports a CSV or NDJSON file, streamed, recording progress in a resumable import record.
   *
   * <p>{@link ImportMode#BEST_EFFORT}: good rows are stored in batches of {@code batchSize} rows, each
   * batch one transaction together with the record's processed count; bad rows (and rows whose e-mail
   * is taken) are reported. After a crash, {@link #resumeImport} continues after the last committed
   * batch. {@link ImportMode#ALL_OR_NOTHING}: the whole file is one transaction and nothing is stored
   * when any row is bad.
   *
   * @param progress told the rows processed out of the total after each row
   */
  public ImportResult importFile(
      TenantId tenant, Path file, ImportFormat format, ImportMode mode, int batchSize, ImportProgressListener progress) {
    return importer().start(tenant, file, format, mode, batchSize, progress);
  }

  /**
   * Continues an import that did not complete (the process died or the listener threw), skipping the
   * rows its committed batches already hold.
   *
   * @throws NotFoundException when the tenant has no such import
   * @throws ConflictException {@code import.already_completed} when it completed
   */
  public ImportResult resumeImport(TenantId tenant, ImportId id, Path file, ImportProgressListener progress) {
    return importer().resume(tenant, id, file, progress);
  }

  private BatchedImport importer() {
    return new BatchedImport(tx, store);
  }

  private Optional<LeadId> emailHolder(Connection c, Lead lead) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("select id from crm_lead where lower(email) = lower(?) and id <> ?")) {
      p.setString(1, lead.email().map(Object::toString).orElse(""));
      p.setObject(2, lead.id().value());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(new LeadId((UUID) rs.getObject(1))) : Optional.empty();
      }
    }
  }

  private Instant later(Instant previous) {
    Instant now = clock.instant();
    return now.isBefore(previous) ? previous : now;
  }

  private static int stage(LeadStatus status) {
    int i = dev.bizo.crm.analytics.FunnelReport.PIPELINE.indexOf(status);
    return Math.max(i, 0);
  }

  private static void requireTenant(TenantId tenant, Lead lead) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(lead, "lead");
    if (!lead.tenantId().equals(tenant)) {
      throw ValidationException.ofField("tenantId", "other_tenant", "the lead belongs to another tenant");
    }
  }

  /** Collects a {@link LeadService}. */
  public static final class Builder {
    private final Transactions transactions;
    private Clock clock = Clock.systemUTC();
    private ScoreThresholds thresholds = ScoreThresholds.defaults();
    private LeadScorer rules = RuleBasedScorer.withDefaults();
    private Duration rescoreInterval = LeadStore.DEFAULT_RESCORE_INTERVAL;
    private PredictiveModelTrainer trainer = new PredictiveModelTrainer();
    private int maxTrainingLeads = 50_000;

    private Builder(Transactions transactions) {
      this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** The clock for timestamps, scoring and decay (default system UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The priority bands and milestones (default {@link ScoreThresholds#defaults()}). */
    public Builder thresholds(ScoreThresholds value) {
      this.thresholds = Objects.requireNonNull(value, "thresholds");
      return this;
    }

    /**
     * The default scorer: the one a tenant's leads are scored by while the tenant has neither an active
     * trained model nor stored rules of its own ({@link ScoringConfiguration#putScoringRules}), which take precedence
     * in that order (default the seeds' rules, {@link RuleBasedScorer#withDefaults()}). Any
     * {@link LeadScorer} fits, e.g. one found by id with {@code Providers}.
     */
    public Builder scorer(LeadScorer value) {
      this.rules = Objects.requireNonNull(value, "scorer");
      return this;
    }

    /** The same as {@link #scorer(LeadScorer)}, under its first name. */
    public Builder rules(LeadScorer value) {
      return scorer(value);
    }

    /**
     * How often a lead whose engagement still decays is rescored by {@link LeadRescoring#rescoreDue}
     * (default one day).
     */
    public Builder rescoreInterval(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw ValidationException.ofField("rescoreInterval", "not_positive", "the rescore interval must be positive");
      }
      this.rescoreInterval = value;
      return this;
    }

    /** The trainer {@link PredictiveModels#trainModel} uses (default {@code new PredictiveModelTrainer()}). */
    public Builder trainer(PredictiveModelTrainer value) {
      this.trainer = Objects.requireNonNull(value, "trainer");
      return this;
    }

    /** Most recent closed leads {@link PredictiveModels#trainModel} learns from (default 50,000). */
    public Builder maxTrainingLeads(int value) {
      if (value <= 0) {
        throw ValidationException.ofField("maxTrainingLeads", "not_positive", "must be positive");
      }
      this.maxTrainingLeads = value;
      return this;
    }

    /** Builds the service. */
    public LeadService build() {
      return new LeadService(this);
    }
  }
}
