package dev.bizo.crm;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Ids;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.importing.ImportFormat;
import dev.bizo.crm.importing.ImportId;
import dev.bizo.crm.importing.ImportMode;
import dev.bizo.crm.importing.ImportProgressListener;
import dev.bizo.crm.importing.ImportResult;
import dev.bizo.crm.internal.persistence.BatchedImport;
import dev.bizo.crm.internal.persistence.LeadCursor;
import dev.bizo.crm.internal.persistence.LeadRows;
import dev.bizo.crm.internal.persistence.LeadStore;
import dev.bizo.crm.scoring.PredictiveModel;
import dev.bizo.crm.scoring.PredictiveModelTrainer;
import dev.bizo.crm.scoring.RuleBasedScorer;
import dev.bizo.crm.scoring.RuleSet;
import dev.bizo.crm.scoring.ScoreHistoryEntry;
import dev.bizo.crm.scoring.ScoreThresholds;
import dev.bizo.crm.scoring.TrainingExample;
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
import java.util.HashMap;
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
 * <p>Scoring uses the tenant's active predictive model when one is activated
 * ({@link #activateModel}), else the tenant's own rules ({@link #putScoringRules}), else the rule-based
 * scorer given to the builder (the seeds' rules by default); thresholds come from the tenant
 * ({@link #putScoreThresholds}) or the builder. A score that crosses one of the thresholds' milestones
 * emits {@code lead.threshold_crossed}, once per crossing.
 *
 * <p>Background work, for the server's scheduler: {@link #rescoreDue} (after a configuration change,
 * and as engagement decays) and {@link #trainModel}; both are tenant-scoped, idempotent and safe on
 * several replicas.
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

  private static final String TEXT =
      "to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '')"
          + " || ' ' || coalesce(job_title, ''))";

  private final Transactions tx;
  private final Clock clock;
  private final LeadStore store;
  private final PredictiveModelTrainer trainer;
  private final int maxTrainingLeads;

  private LeadService(Builder b) {
    this.tx = b.transactions;
    this.clock = b.clock;
    this.store = new LeadStore(b.clock, b.thresholds, b.rules, b.rescoreInterval);
    this.trainer = b.trainer;
    this.maxTrainingLeads = b.maxTrainingLeads;
  }

  /** A service over {@code transactions} with the system clock, default thresholds and default rules. */
  public static Builder builder(Transactions transactions) {
    return new Builder(transactions);
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
    String column;
    switch (query.sort()) {
      case SCORE:
        column = "score";
        break;
      case NAME:
        column = "name";
        break;
      default:
        column = "created_at";
    }
    Optional<LeadCursor> after = query.cursor().map(text -> LeadCursor.decode(text, query.sort(), query.descending()));
    // the explicit tenant predicate lets the planner use the (tenant_id, key, id) indexes; RLS still applies
    StringBuilder sql = new StringBuilder("select " + LeadRows.COLUMNS + " from crm_lead where tenant_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    if (!query.statuses().isEmpty()) {
      sql.append(" and status = any (?)");
      params.add(query.statuses().stream().map(Enum::name).toArray(String[]::new));
    }
    if (!query.sources().isEmpty()) {
      sql.append(" and source = any (?)");
      params.add(query.sources().stream().map(Enum::name).toArray(String[]::new));
    }
    query.owner().ifPresent(o -> add(sql, params, " and owner = ?", o));
    query.tag().ifPresent(t -> add(sql, params, " and tags @> ?", new String[] {t}));
    query.minScore().ifPresent(s -> add(sql, params, " and score >= ?", s));
    query.maxScore().ifPresent(s -> add(sql, params, " and score <= ?", s));
    query.createdFrom().ifPresent(t -> add(sql, params, " and created_at >= ?", LeadRows.ts(t)));
    query.createdBefore().ifPresent(t -> add(sql, params, " and created_at < ?", LeadRows.ts(t)));
    query.text().flatMap(LeadService::prefixQuery)
        .ifPresent(q -> add(sql, params, " and " + TEXT + " @@ to_tsquery('simple', ?)", q));
    String op = query.descending() ? "<" : ">";
    after.ifPresent(
        cur -> {
          sql.append(" and (").append(column).append(", id) ").append(op).append(" (?, ?)");
          params.add(cur.value() instanceof Instant ? LeadRows.ts((Instant) cur.value()) : cur.value());
          params.add(cur.id());
        });
    String dir = query.descending() ? " desc" : " asc";
    sql.append(" order by ").append(column).append(dir).append(", id").append(dir).append(" limit ").append(query.limit() + 1);
    return tx.inTenantJdbc(
        tenant,
        c -> {
          List<StoredLead> rows = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
              Object v = params.get(i);
              if (v instanceof String[]) {
                p.setArray(i + 1, c.createArrayOf("text", (String[]) v));
              } else {
                p.setObject(i + 1, v);
              }
            }
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                rows.add(LeadRows.read(rs, clock));
              }
            }
          }
          if (rows.size() <= query.limit()) {
            return new LeadPage(rows, Optional.empty());
          }
          List<StoredLead> page = rows.subList(0, query.limit());
          StoredLead last = page.get(page.size() - 1);
          Object value;
          switch (query.sort()) {
            case SCORE:
              value = last.score().value();
              break;
            case NAME:
              value = last.lead().name();
              break;
            default:
              value = last.lead().createdAt();
          }
          String next = new LeadCursor(query.sort(), query.descending(), value, last.id().value()).encode();
          return new LeadPage(page, Optional.of(next));
        });
  }

  /**
   * Stores a trained model (inactive) under its version.
   *
   * @throws ConflictException {@code persistence.unique_violation} when the version is already stored
   * @throws ValidationException when the model was trained for another tenant
   */
  public void storeModel(TenantId tenant, PredictiveModel model) {
    Objects.requireNonNull(model, "model");
    if (!model.tenantId().equals(tenant)) {
      throw ValidationException.ofField("model", "other_tenant", "the model was trained for another tenant");
    }
    tx.inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "insert into crm_scoring_model (id, tenant_id, version, model, auc, pr_auc, metrics, trained_at)"
                      + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)")) {
            p.setObject(1, Ids.newUuid());
            p.setObject(2, tenant.value());
            p.setInt(3, model.version());
            p.setBytes(4, model.toBytes());
            p.setDouble(5, model.metrics().auc());
            p.setDouble(6, model.metrics().prAuc());
            p.setString(7, LeadRows.json(Map.of(
                "auc", model.metrics().auc(), "prAuc", model.metrics().prAuc(),
                "trainingSize", model.metrics().trainingSize(), "holdoutSize", model.metrics().holdoutSize(),
                "won", model.metrics().won(), "lost", model.metrics().lost())));
            p.setObject(8, LeadRows.ts(model.trainedAt()));
            p.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Makes the stored model {@code version} the tenant's only active one; new scores use it. Existing
   * leads keep their scores until they change.
   *
   * @throws NotFoundException when no model of that version is stored
   */
  public void activateModel(TenantId tenant, int version) {
    tx.inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement off = c.prepareStatement("update crm_scoring_model set active = false where active")) {
            off.executeUpdate();
          }
          try (PreparedStatement on =
              c.prepareStatement("update crm_scoring_model set active = true, activated_at = ? where version = ? and status = 'TRAINED'")) {
            on.setObject(1, LeadRows.ts(clock.instant()));
            on.setInt(2, version);
            if (on.executeUpdate() == 0) {
              throw NotFoundException.of("scoring_model", Integer.toString(version));
            }
          }
          bumpGeneration(c, tenant, "model", null, "model.activate");
          return null;
        });
  }

  /** Deactivates the tenant's model: scoring falls back to the rules. */
  public void deactivateModel(TenantId tenant) {
    tx.inTenantJdbc(
        tenant,
        c -> {
          int changed;
          try (PreparedStatement off = c.prepareStatement("update crm_scoring_model set active = false where active")) {
            changed = off.executeUpdate();
          }
          if (changed > 0) {
            bumpGeneration(c, tenant, "model", null, "model.deactivate");
          }
          return changed;
        });
  }

  /** The tenant's active model, if any. */
  public Optional<PredictiveModel> activeModel(TenantId tenant) {
    return tx.inTenantJdbc(tenant, store::activeModel);
  }

  /** The scorer new scores of this tenant use now. */
  public LeadScorer activeScorer(TenantId tenant) {
    return tx.inTenantJdbc(tenant, store::activeScorer);
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
   * Stores the tenant's rules. Every lead is then due for rescoring ({@link #rescoreDue}); new scores use
   * the rules at once (unless a predictive model is active).
   *
   * @param by who changed them, for the record
   * @return the stored rules
   */
  public RuleSet putScoringRules(TenantId tenant, RuleSet rules, String by) {
    Objects.requireNonNull(rules, "rules");
    requireAuthor(by);
    tx.inTenantJdbc(tenant, c -> bumpGeneration(c, tenant, "rules", rules.toJson(), by));
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
    tx.inTenantJdbc(tenant, c -> bumpGeneration(c, tenant, "rules", null, by));
  }

  /** The tenant's priority bands and milestones: its own, or the service's. */
  public ScoreThresholds scoreThresholds(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant, c -> store.config(c).flatMap(LeadStore.StoredConfig::thresholds).orElse(store.defaultThresholds()));
  }

  /**
   * Stores the tenant's thresholds. Priorities are recomputed by {@link #rescoreDue}; a lead emits
   * {@code lead.threshold_crossed} when a later score crosses one of the new milestones upwards.
   */
  public ScoreThresholds putScoreThresholds(TenantId tenant, ScoreThresholds thresholds, String by) {
    Objects.requireNonNull(thresholds, "thresholds");
    requireAuthor(by);
    tx.inTenantJdbc(tenant, c -> bumpGeneration(c, tenant, "thresholds", thresholds.toJson(), by));
    return thresholds;
  }

  /** Parses, validates and stores the tenant's thresholds (the body of a PUT). */
  public ScoreThresholds putScoreThresholds(TenantId tenant, String json, String by) {
    return putScoreThresholds(tenant, ScoreThresholds.fromJson(json), by);
  }

  /**
   * Rescores up to {@code limit} of the tenant's due leads in one transaction: first those scored
   * before the latest change of rules, thresholds or active model, then those whose engagement decayed
   * since (see {@link Builder#rescoreInterval}). Each rescored lead gets a history entry when its score
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

  /**
   * Trains a predictive model on the tenant's most recent WON and LOST leads (features as of when each
   * closed) and records the run: a trained model is stored inactive under the next version, a refused
   * run (too few closed leads) is stored as FAILED with its reason. Meant for a one-time background job;
   * nothing is held locked while training. Activate a trained model with {@link #activateModel}.
   *
   * @return the recorded run
   */
  public ModelTrainingRun trainModel(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    TrainingData data = tx.inTenantJdbc(tenant, this::trainingData);
    Instant at = clock.instant();
    PredictiveModel model;
    try {
      model = trainer.train(tenant, data.version(), data.examples(), clock);
    } catch (ValidationException e) {
      if (!PredictiveModelTrainer.TOO_FEW_SAMPLES.equals(e.code())) {
        throw e;
      }
      tx.inTenantJdbc(
          tenant,
          c -> {
            try (PreparedStatement p =
                c.prepareStatement(
                    "insert into crm_scoring_model (id, tenant_id, version, status, failure, metrics, trained_at)"
                        + " values (?, ?, ?, 'FAILED', ?, '{}', ?)")) {
              p.setObject(1, Ids.newUuid());
              p.setObject(2, tenant.value());
              p.setInt(3, data.version());
              p.setString(4, e.getMessage());
              p.setObject(5, LeadRows.ts(at));
              p.executeUpdate();
            }
            return null;
          });
      return new ModelTrainingRun(data.version(), ModelTrainingRun.Status.FAILED, Optional.empty(), Optional.of(e.getMessage()), at);
    }
    storeModel(tenant, model);
    return new ModelTrainingRun(
        model.version(), ModelTrainingRun.Status.TRAINED, Optional.of(model.metrics()), Optional.empty(), model.trainedAt());
  }

  /** Every recorded training run of the tenant, oldest first. */
  public List<ModelTrainingRun> trainingRuns(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant,
        c -> {
          List<ModelTrainingRun> out = new ArrayList<>();
          try (PreparedStatement p =
                  c.prepareStatement("select version, status, failure, model, trained_at from crm_scoring_model order by version");
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              ModelTrainingRun.Status status = ModelTrainingRun.Status.valueOf(rs.getString(2));
              out.add(
                  new ModelTrainingRun(
                      rs.getInt(1),
                      status,
                      status == ModelTrainingRun.Status.TRAINED
                          ? Optional.of(PredictiveModel.fromBytes(rs.getBytes(4)).metrics())
                          : Optional.empty(),
                      Optional.ofNullable(rs.getString(3)),
                      LeadRows.instant(rs, "trained_at")));
            }
          }
          return out;
        });
  }

  private record TrainingData(int version, List<TrainingExample> examples) {}

  private TrainingData trainingData(Connection c) throws SQLException {
    int version;
    try (PreparedStatement p = c.prepareStatement("select coalesce(max(version), 0) + 1 from crm_scoring_model");
        ResultSet rs = p.executeQuery()) {
      rs.next();
      version = rs.getInt(1);
    }
    Map<UUID, StoredLead> leads = new LinkedHashMap<>();
    Map<UUID, Instant> closedAt = new LinkedHashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "select " + LeadRows.COLUMNS + ", status_since from crm_lead where status in ('WON', 'LOST')"
                + " order by status_since desc, id limit ?")) {
      p.setInt(1, maxTrainingLeads);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          StoredLead l = LeadRows.read(rs, clock);
          leads.put(l.id().value(), l);
          closedAt.put(l.id().value(), LeadRows.instant(rs, "status_since"));
        }
      }
    }
    Map<UUID, List<Activity>> activities = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "select lead_id, type, occurred_at, detail from crm_activity where lead_id = any (?) order by occurred_at, id")) {
      p.setArray(1, c.createArrayOf("uuid", leads.keySet().toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          activities
              .computeIfAbsent((UUID) rs.getObject(1), k -> new ArrayList<>())
              .add(new Activity(ActivityType.valueOf(rs.getString(2)), LeadRows.instant(rs, "occurred_at"), rs.getString(4)));
        }
      }
    }
    List<TrainingExample> examples = new ArrayList<>(leads.size());
    leads.forEach(
        (id, l) -> examples.add(new TrainingExample(l.lead(), activities.getOrDefault(id, List.of()), closedAt.get(id))));
    return new TrainingData(version, examples);
  }

  private RuleSet defaultRules() {
    LeadScorer rules = store.defaultRules();
    return rules instanceof RuleBasedScorer ? ((RuleBasedScorer) rules).rules() : RuleSet.defaults();
  }

  /**
   * Records a change of the tenant's scoring: {@code column} (rules or thresholds) gets {@code json}
   * (null resets it), or with column "model" nothing but the generation moves.
   */
  private long bumpGeneration(Connection c, TenantId tenant, String column, String json, String by) throws SQLException {
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

  private static void add(StringBuilder sql, List<Object> params, String clause, Object value) {
    sql.append(clause);
    params.add(value);
  }

  private static Optional<String> prefixQuery(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w + ":*");
      }
    }
    return words.isEmpty() ? Optional.empty() : Optional.of(String.join(" & ", words));
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
     * trained model nor stored rules of its own ({@link LeadService#putScoringRules}), which take precedence
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
     * How often a lead whose engagement still decays is rescored by {@link LeadService#rescoreDue}
     * (default one day).
     */
    public Builder rescoreInterval(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw ValidationException.ofField("rescoreInterval", "not_positive", "the rescore interval must be positive");
      }
      this.rescoreInterval = value;
      return this;
    }

    /** The trainer {@link LeadService#trainModel} uses (default {@code new PredictiveModelTrainer()}). */
    public Builder trainer(PredictiveModelTrainer value) {
      this.trainer = Objects.requireNonNull(value, "trainer");
      return this;
    }

    /** Most recent closed leads {@link LeadService#trainModel} learns from (default 50,000). */
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
