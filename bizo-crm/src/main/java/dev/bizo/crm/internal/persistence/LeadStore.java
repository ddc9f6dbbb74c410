package dev.bizo.crm.internal.persistence;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Ids;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.EngagementRule;
import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.crm.scoring.LeadThresholdCrossed;
import dev.bizo.crm.scoring.PredictiveModel;
import dev.bizo.crm.scoring.PredictiveScorer;
import dev.bizo.crm.scoring.RuleBasedScorer;
import dev.bizo.crm.scoring.RuleSet;
import dev.bizo.crm.scoring.ScoreGroup;
import dev.bizo.crm.scoring.ScoreHistoryEntry;
import dev.bizo.crm.scoring.ScoreThresholdDetector;
import dev.bizo.crm.scoring.ScoreThresholds;
import dev.bizo.crm.scoring.spi.LeadScorer;
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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Writes of leads on a caller's connection, so scoring, history and events share its transaction. */
public final class LeadStore {

  public static final String DUPLICATE_EMAIL = "lead.duplicate_email";

  /** Leads whose engagement still decays are rescored after this long. */
  public static final Duration DEFAULT_RESCORE_INTERVAL = Duration.ofDays(1);

  private static final int CACHED_RULE_SETS = 256;
  private static final int CACHED_MODELS = 256;

  private final Clock clock;
  private final ScoreThresholds thresholds;
  private final LeadScorer rules;
  private final Duration rescoreInterval;
  private final ConcurrentHashMap<String, RuleBasedScorer> compiled =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UUID, PredictiveModel> models =
      new ConcurrentHashMap<>();

  public LeadStore(Clock clock, ScoreThresholds thresholds, LeadScorer rules) {
    this(clock, thresholds, rules, DEFAULT_RESCORE_INTERVAL);
  }

  public LeadStore(Clock clock, ScoreThresholds thresholds, LeadScorer rules, Duration rescoreInterval) {
    this.clock = clock;
    this.thresholds = thresholds;
    this.rules = rules;
    this.rescoreInterval = rescoreInterval;
  }

  /**
   * How a tenant scores now: its active model or its own rules (else the service's), its thresholds
   * (else the service's) and the configuration generation scores are stamped with.
   */
  public record TenantScoring(LeadScorer scorer, ScoreThresholds thresholds, long generation) {}

  /** The tenant's stored configuration, if it has one. */
  public Optional<StoredConfig> config(Connection c) throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement("select rules::text, thresholds::text, generation, updated_at, updated_by from crm_scoring_config");
        ResultSet rs = p.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      String r = rs.getString(1);
      String t = rs.getString(2);
      return Optional.of(
          new StoredConfig(
              r == null ? Optional.empty() : Optional.of(RuleSet.fromJson(r)),
              t == null ? Optional.empty() : Optional.of(ScoreThresholds.fromJson(t)),
              rs.getLong(3),
              LeadRows.instant(rs, "updated_at"),
              rs.getString(5)));
    }
  }

  /** A row of {@code crm_scoring_config}. */
  public record StoredConfig(
      Optional<RuleSet> rules, Optional<ScoreThresholds> thresholds, long generation, Instant updatedAt, String updatedBy) {}

  /** The service-wide rules used when a tenant stored none. */
  public LeadScorer defaultRules() {
    return rules;
  }

  /** The service-wide thresholds used when a tenant stored none. */
  public ScoreThresholds defaultThresholds() {
    return thresholds;
  }

  /** How the tenant scores now. */
  public TenantScoring scoring(Connection c) throws SQLException {
    Optional<StoredConfig> config = config(c);
    Optional<PredictiveModel> model = activeModel(c);
    LeadScorer scorer;
    if (model.isPresent()) {
      scorer = new PredictiveScorer(model.get());
    } else if (config.isPresent() && config.get().rules().isPresent()) {
      scorer = compile(config.get().rules().get());
    } else {
      scorer = rules;
    }
    ScoreThresholds t = config.flatMap(StoredConfig::thresholds).orElse(thresholds);
    return new TenantScoring(scorer, t, config.map(StoredConfig::generation).orElse(0L));
  }

  private RuleBasedScorer compile(RuleSet set) {
    String key = set.toJson();
    RuleBasedScorer scorer = compiled.get(key);
    if (scorer == null) {
      if (compiled.size() >= CACHED_RULE_SETS) {
        compiled.clear();
      }
      scorer = new RuleBasedScorer(set);
      compiled.put(key, scorer);
    }
    return scorer;
  }

  /**
   * When the score must be recomputed because engagement decays, or null when nothing that counts
   * still decays: rule activities older than 20 half-lives add under a millionth of their points, and
   * the predictive features stop moving a year after the last activity.
   */
  public Instant rescoreAt(LeadScorer scorer, List<Activity> activities) {
    Instant now = clock.instant();
    for (Activity a : activities) {
      long ageMillis = Math.max(0, now.toEpochMilli() - a.at().toEpochMilli());
      if (scorer instanceof RuleBasedScorer) {
        for (ScoreGroup g : ((RuleBasedScorer) scorer).rules().groups()) {
          for (EngagementRule e : g.engagement()) {
            if (e.activity() == a.type() && ageMillis < 20 * e.halfLifeDays() * 86_400_000d) {
              return now.plus(rescoreInterval);
            }
          }
        }
      } else if (ageMillis < Duration.ofDays(367).toMillis()) {
        return now.plus(rescoreInterval);
      }
    }
    return null;
  }

  /** Queues a lead for (re-)embedding by {@code indexPending}; its text may have changed. */
  public void enqueueEmbedding(Connection c, TenantId tenant, LeadId id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into crm_embedding_pending (lead_id, tenant_id, enqueued_at) values (?, ?, ?) on conflict (lead_id) do nothing")) {
      p.setObject(1, id.value());
      p.setObject(2, tenant.value());
      p.setObject(3, LeadRows.ts(clock.instant()));
      p.executeUpdate();
    }
  }

  public Clock clock() {
    return clock;
  }

  /** The tenant's active predictive model as a scorer, else its rules, else the service's rules. */
  public LeadScorer activeScorer(Connection c) throws SQLException {
    return scoring(c).scorer();
  }

  /**
   * The tenant's active model. Stored models never change, so each is read and parsed once per process
   * (keyed by its row id) instead of on every write.
   */
  public Optional<PredictiveModel> activeModel(Connection c) throws SQLException {
    UUID id;
    try (PreparedStatement p = c.prepareStatement("select id from crm_scoring_model where active and status = 'TRAINED'");
        ResultSet rs = p.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      id = (UUID) rs.getObject(1);
    }
    PredictiveModel cached = models.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (PreparedStatement p = c.prepareStatement("select model from crm_scoring_model where id = ?")) {
      p.setObject(1, id);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        PredictiveModel model = PredictiveModel.fromBytes(rs.getBytes(1));
        if (models.size() >= CACHED_MODELS) {
          models.clear();
        }
        models.put(id, model);
        return Optional.of(model);
      }
    }
  }

  /**
   * What {@link #insertNew} did: stored the lead ({@code stored} holds it as stored when read back was
   * asked for), or found another lead with its e-mail address ({@code existing}).
   */
  public record Insertion(Optional<StoredLead> stored, Optional<LeadId> existing) {}

  /**
   * Scores and inserts a new lead with its first history entry and its events.
   *
   * @param readBack whether to return the lead as stored (a single lead's create answers with it; an
   *     import does not need it)
   * @return the lead as stored (if asked for), or the id of the lead that already has the e-mail address
   */
  public Insertion insertNew(Connection c, Lead lead, TenantScoring scoring, UUID importId, boolean readBack)
      throws SQLException {
    LeadScore score = scoring.scorer().score(lead, List.of(), clock);
    StoredLead stored = new StoredLead(lead, score, scoring.thresholds().priorityOf(score.value()));
    Optional<StoredLead> asStored = Optional.empty();
    boolean inserted;
    if (readBack) {
      asStored = LeadRows.insertReturning(c, stored, importId, scoring.generation(), null, clock);
      inserted = asStored.isPresent();
    } else {
      inserted = LeadRows.insert(c, stored, importId, scoring.generation(), null);
    }
    if (!inserted) {
      return new Insertion(Optional.empty(), Optional.of(existingWithEmail(c, lead)));
    }
    recordScore(c, lead.tenantId(), lead.id(), OptionalInt.empty(), score, "lead.created", scoring.thresholds());
    enqueueEmbedding(c, lead.tenantId(), lead.id());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("leadId", lead.id().toString());
    payload.put("source", lead.source().name());
    payload.put("score", score.value());
    payload.put("priority", stored.priority().name());
    emit(c, lead.tenantId(), "lead.created", lead.id(), payload);
    return new Insertion(asStored, Optional.empty());
  }

  /** The lead holding {@code lead}'s e-mail address. */
  public LeadId existingWithEmail(Connection c, Lead lead) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("select id from crm_lead where lower(email) = lower(?)")) {
      p.setString(1, lead.email().map(Object::toString).orElse(""));
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new ConflictException(DUPLICATE_EMAIL, "e-mail " + lead.email().orElse(null) + " is taken");
        }
        return new LeadId((UUID) rs.getObject(1));
      }
    }
  }

  public static ConflictException duplicate(Lead lead, LeadId existing) {
    return new ConflictException(
        DUPLICATE_EMAIL,
        "email: " + lead.email().map(Object::toString).orElse("") + " already belongs to lead " + existing);
  }

  /** Locks and reads a lead, or fails with {@code NotFoundException}. */
  public StoredLead lock(Connection c, LeadId id) throws SQLException {
    return find(c, id, true).orElseThrow(() -> NotFoundException.of("lead", id.toString()));
  }

  public Optional<StoredLead> find(Connection c, LeadId id, boolean forUpdate) throws SQLException {
    String sql = "select " + LeadRows.COLUMNS + " from crm_lead where id = ?" + (forUpdate ? " for update" : "");
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setObject(1, id.value());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(LeadRows.read(rs, clock)) : Optional.empty();
      }
    }
  }

  public List<Activity> activities(Connection c, LeadId id) throws SQLException {
    List<Activity> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement("select type, occurred_at, detail from crm_activity where lead_id = ? order by occurred_at, id")) {
      p.setObject(1, id.value());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new Activity(ActivityType.valueOf(rs.getString(1)), LeadRows.instant(rs, "occurred_at"), rs.getString(3)));
        }
      }
    }
    return out;
  }

  /**
   * Rescores {@code lead} (its new field values) and writes it: the score columns always, a history entry
   * and threshold events when the score moved.
   */
  public StoredLead rewrite(Connection c, StoredLead before, Lead lead, String cause) throws SQLException {
    return rewrite(c, before, lead, cause, scoring(c));
  }

  /** {@link #rewrite(Connection, StoredLead, Lead, String)} under an already read configuration. */
  public StoredLead rewrite(Connection c, StoredLead before, Lead lead, String cause, TenantScoring scoring)
      throws SQLException {
    List<Activity> activities = activities(c, lead.id());
    LeadScore score = scoring.scorer().score(lead, activities, clock);
    StoredLead after = new StoredLead(lead, score, scoring.thresholds().priorityOf(score.value()));
    LeadRows.update(c, after, scoring.generation(), rescoreAt(scoring.scorer(), activities));
    if (score.value() != before.score().value()) {
      recordScore(c, lead.tenantId(), lead.id(), OptionalInt.of(before.score().value()), score, cause, scoring.thresholds());
    }
    if (cause.equals("lead.updated") || cause.equals("activity.note")) {
      enqueueEmbedding(c, lead.tenantId(), lead.id());
    }
    return after;
  }

  private void recordScore(
      Connection c, TenantId tenant, LeadId id, OptionalInt previous, LeadScore score, String cause, ScoreThresholds thresholds)
      throws SQLException {
    ScoreHistoryEntry entry = ScoreHistoryEntry.of(tenant, id, previous.orElse(-1), score, cause);
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into crm_score_history (id, tenant_id, lead_id, previous_score, new_score, delta, cause,"
                + " scorer_id, scorer_version, scored_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setObject(1, Ids.newUuid());
      p.setObject(2, tenant.value());
      p.setObject(3, id.value());
      p.setInt(4, entry.previousScore());
      p.setInt(5, entry.newScore());
      p.setInt(6, entry.delta());
      p.setString(7, entry.cause());
      p.setString(8, entry.scorerId());
      p.setString(9, entry.scorerVersion());
      p.setObject(10, LeadRows.ts(entry.at()));
      p.executeUpdate();
    }
    for (LeadThresholdCrossed crossed :
        ScoreThresholdDetector.detect(tenant, id, previous, score.value(), thresholds, score.scoredAt())) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("leadId", id.toString());
      payload.put("milestone", crossed.milestone());
      payload.put("threshold", crossed.threshold());
      payload.put("previousScore", crossed.previousScore());
      payload.put("newScore", crossed.newScore());
      emit(c, tenant, "lead.threshold_crossed", id, payload);
    }
  }

  /** Appends an event about lead {@code id} to the outbox, in the caller's transaction. */
  public void emit(Connection c, TenantId tenant, String type, LeadId id, Map<String, Object> payload) {
    Outbox.append(
        c,
        DomainEvent.builder(tenant, type, clock).aggregate("lead", id.toString()).payload(LeadRows.json(payload)).build());
  }
}
