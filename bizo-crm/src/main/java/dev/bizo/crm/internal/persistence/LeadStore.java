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
      return rs.next() ? Optional.of(readConfig(rs)) : Optional.empty();
    }
  }

  /** A configuration row from columns 1 to 5: rules, thresholds, generation, updated_at, updated_by. */
  private static StoredConfig readConfig(ResultSet rs) throws SQLException {
    String r = rs.getString(1);
    String t = rs.getString(2);
    return new StoredConfig(
        r == null ? Optional.empty() : Optional.of(RuleSet.fromJson(r)),
        t == null ? Optional.empty() : Optional.of(ScoreThresholds.fromJson(t)),
        rs.getLong(3),
        LeadRows.instant(rs, "updated_at"),
        rs.getString(5));
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

  /**
   * How the tenant scores now. One query reads the stored configuration and the active model's id (the model
   * itself is parsed once per process), as every lead write starts with it.
   */
  public TenantScoring scoring(Connection c) throws SQLException {
    Optional<StoredConfig> config;
    UUID modelId;
    try (PreparedStatement p = c.prepareStatement(
            "select cfg.rules::text, cfg.thresholds::text, cfg.generation, cfg.updated_at, cfg.updated_by,"
                + " (select id from crm_scoring_model where active and status = 'TRAINED' limit 1)"
                + " from (values (1)) as one left join crm_scoring_config cfg on true");
        ResultSet rs = p.executeQuery()) {
      rs.next();
      config = rs.getObject(3) == null ? Optional.empty() : Optional.of(readConfig(rs));
      modelId = (UUID) rs.getObject(6);
    }
    Optional<PredictiveModel> model = modelId == null ? Optional.empty() : Optional.of(model(c, modelId));
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
    return Optional.of(model(c, id));
  }

  /** The stored model {@code id}, parsed once per process. */
  private PredictiveModel model(Connection c, UUID id) throws SQLException {
    PredictiveModel cached = models.get(id);
    if (cached != null) {
      return cached;
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
        return model;
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
    if (readBack) {
      Optional<StoredLead> asStored = insertWithHistoryAndEvents(c, stored, importId, scoring);
      return asStored.isPresent()
          ? new Insertion(asStored, Optional.empty())
          : new Insertion(Optional.empty(), Optional.of(existingWithEmail(c, lead)));
    }
    if (!LeadRows.insert(c, stored, importId, scoring.generation(), null)) {
      return new Insertion(Optional.empty(), Optional.of(existingWithEmail(c, lead)));
    }
    recordScore(c, lead.tenantId(), lead.id(), OptionalInt.empty(), score, "lead.created", scoring.thresholds());
    enqueueEmbedding(c, lead.tenantId(), lead.id());
    Outbox.append(c, createdEvent(stored));
    return new Insertion(Optional.empty(), Optional.empty());
  }

  /**
   * A new lead, its first score history entry, its embedding queue entry and its events (thresholds crossed,
   * then {@code lead.created}) in one statement: one round trip instead of four or more, the same rows as
   * the import path writes one by one. Nothing but the lead's absence is written when the e-mail is taken.
   */
  private Optional<StoredLead> insertWithHistoryAndEvents(Connection c, StoredLead stored, UUID importId,
      TenantScoring scoring) throws SQLException {
    Lead lead = stored.lead();
    LeadScore score = stored.score();
    ScoreHistoryEntry entry = ScoreHistoryEntry.of(lead.tenantId(), lead.id(), -1, score, "lead.created");
    List<DomainEvent> events = new ArrayList<>(
        thresholdEvents(lead.tenantId(), lead.id(), OptionalInt.empty(), score, scoring.thresholds()));
    events.add(createdEvent(stored));
    StringBuilder ctes = new StringBuilder()
        .append(", history as (insert into crm_score_history (id, tenant_id, lead_id, previous_score, new_score, delta,")
        .append(" cause, scorer_id, scorer_version, scored_at) select ?::uuid, tenant_id, id, ?, ?, ?, ?, ?, ?, ?::timestamptz")
        .append(" from lead)")
        .append(", pending as (insert into crm_embedding_pending (lead_id, tenant_id, enqueued_at)")
        .append(" select id, tenant_id, ?::timestamptz from lead on conflict (lead_id) do nothing)")
        .append(", events as (insert into ").append(Outbox.TABLE_AND_COLUMNS).append(' ');
    for (int i = 0; i < events.size(); i++) {
      ctes.append(i == 0 ? "" : " union all ").append(Outbox.selectFor("lead"));
    }
    ctes.append(')');
    return LeadRows.insertReturningWith(c, stored, importId, scoring.generation(), null, clock, ctes.toString(),
        (p, from) -> {
          int i = from;
          p.setObject(i++, Ids.newUuid());
          p.setInt(i++, entry.previousScore());
          p.setInt(i++, entry.newScore());
          p.setInt(i++, entry.delta());
          p.setString(i++, entry.cause());
          p.setString(i++, entry.scorerId());
          p.setString(i++, entry.scorerVersion());
          p.setObject(i++, LeadRows.ts(entry.at()));
          p.setObject(i++, LeadRows.ts(clock.instant()));
          for (DomainEvent event : events) {
            i = Outbox.bind(p, i, event);
          }
        });
  }

  private DomainEvent createdEvent(StoredLead stored) {
    Lead lead = stored.lead();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("leadId", lead.id().toString());
    payload.put("source", lead.source().name());
    payload.put("score", stored.score().value());
    payload.put("priority", stored.priority().name());
    return event(lead.tenantId(), "lead.created", lead.id(), payload);
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
    for (DomainEvent event : thresholdEvents(tenant, id, previous, score, thresholds)) {
      Outbox.append(c, event);
    }
  }

  /** A {@code lead.threshold_crossed} event per threshold the score crossed. */
  private List<DomainEvent> thresholdEvents(
      TenantId tenant, LeadId id, OptionalInt previous, LeadScore score, ScoreThresholds thresholds) {
    List<DomainEvent> events = new ArrayList<>();
    for (LeadThresholdCrossed crossed :
        ScoreThresholdDetector.detect(tenant, id, previous, score.value(), thresholds, score.scoredAt())) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("leadId", id.toString());
      payload.put("milestone", crossed.milestone());
      payload.put("threshold", crossed.threshold());
      payload.put("previousScore", crossed.previousScore());
      payload.put("newScore", crossed.newScore());
      events.add(event(tenant, "lead.threshold_crossed", id, payload));
    }
    return events;
  }

  /** Appends an event about lead {@code id} to the outbox, in the caller's transaction. */
  public void emit(Connection c, TenantId tenant, String type, LeadId id, Map<String, Object> payload) {
    Outbox.append(c, event(tenant, type, id, payload));
  }

  private DomainEvent event(TenantId tenant, String type, LeadId id, Map<String, Object> payload) {
    return DomainEvent.builder(tenant, type, clock).aggregate("lead", id.toString()).payload(LeadRows.json(payload)).build();
  }
}
