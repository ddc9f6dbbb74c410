package dev.bizo.crm;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Ids;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.internal.persistence.LeadRows;
import dev.bizo.crm.internal.persistence.LeadStore;
import dev.bizo.crm.scoring.PredictiveModel;
import dev.bizo.crm.scoring.PredictiveModelTrainer;
import dev.bizo.crm.scoring.TrainingExample;
import dev.bizo.tenancy.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Each tenant's predictive models: training on its closed leads, the recorded training runs and their
 * versions, and which version (if any) is active. An active model scores the tenant's new scores instead of
 * its rules; activating or deactivating one makes every lead due for rescoring. Obtain it from
 * {@link LeadService#predictiveModels()}; it shares the service's transactions, clock and trainer.
 *
 * <pre>{@code
 * ModelTrainingRun run = leads.predictiveModels().trainModel(tenant);
 * if (run.status() == ModelTrainingRun.Status.TRAINED) {
 *   leads.predictiveModels().activateModel(tenant, run.version());
 * }
 * }</pre>
 */
public final class PredictiveModels {

  private final Transactions tx;
  private final Clock clock;
  private final LeadStore store;
  private final PredictiveModelTrainer trainer;
  private final int maxTrainingLeads;

  PredictiveModels(Transactions tx, Clock clock, LeadStore store, PredictiveModelTrainer trainer, int maxTrainingLeads) {
    this.tx = tx;
    this.clock = clock;
    this.store = store;
    this.trainer = trainer;
    this.maxTrainingLeads = maxTrainingLeads;
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
          ScoringConfiguration.bumpGeneration(c, tenant, "model", null, "model.activate", clock);
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
            ScoringConfiguration.bumpGeneration(c, tenant, "model", null, "model.deactivate", clock);
          }
          return changed;
        });
  }

  /** The tenant's active model, if any. */
  public Optional<PredictiveModel> activeModel(TenantId tenant) {
    return tx.inTenantJdbc(tenant, store::activeModel);
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

}
