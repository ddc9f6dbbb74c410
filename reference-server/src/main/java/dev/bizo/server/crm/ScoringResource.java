package dev.bizo.server.crm;

import dev.bizo.crm.LeadService;
import dev.bizo.crm.ModelTrainingRun;
import dev.bizo.crm.scoring.ModelMetrics;
import dev.bizo.crm.scoring.PredictiveModel;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.server.jobs.JobsWiring;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.jobs.BackgroundJobs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * How the caller's tenant scores leads: its own rule set (or the defaults), and predictive models trained
 * on its won and lost leads in the background, one of which may be active.
 */
@Path("/scoring")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class ScoringResource {

  /**
   * A training run.
   *
   * @param version the model version it produced (or would have)
   * @param status {@code TRAINED} or {@code FAILED}
   * @param active whether this version is the active model
   * @param auc area under the ROC curve on the holdout
   * @param prAuc area under the precision-recall curve on the holdout
   * @param trainingSize leads trained on
   * @param holdoutSize leads held out
   * @param failure why training was refused
   * @param at when
   */
  public record ModelView(
      int version, String status, boolean active, Double auc, Double prAuc, Integer trainingSize, Integer holdoutSize,
      String failure, String at) {
    static ModelView of(ModelTrainingRun run, Optional<Integer> activeVersion) {
      Optional<ModelMetrics> m = run.metrics();
      return new ModelView(
          run.version(), run.status().name(), activeVersion.filter(v -> v == run.version()).isPresent(),
          m.map(ModelMetrics::auc).orElse(null), m.map(ModelMetrics::prAuc).orElse(null),
          m.map(ModelMetrics::trainingSize).orElse(null), m.map(ModelMetrics::holdoutSize).orElse(null),
          run.failure().orElse(null), run.at().toString());
    }
  }

  /**
   * A queued training.
   *
   * @param taskId the background task
   * @param status always {@code QUEUED}; follow {@code GET /scoring/models}
   */
  public record TrainingView(String taskId, String status) {}

  @Inject Caller caller;
  @Inject LeadService leads;
  @Inject BackgroundJobs jobs;

  @GET
  @Path("/rules")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tenant's scoring rules (its own, or the defaults) as JSON")
  @Requires(Permission.DATA_READ)
  public String rules() {
    return leads.scoringConfiguration().scoringRules(caller.tenant()).toJson();
  }

  @PUT
  @Path("/rules")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace the tenant's scoring rules; every lead is rescored in the background; "
      + "422 with one field error per problem, e.g. groups[1].fit[0].operator")
  @Requires(Permission.DATA_WRITE)
  public String putRules(String json) {
    return leads.scoringConfiguration().putScoringRules(caller.tenant(), json == null ? "" : json, caller.principal().subject()).toJson();
  }

  @DELETE
  @Path("/rules")
  @Operation(summary = "Go back to the default rules (204)")
  @Requires(Permission.DATA_WRITE)
  public Response resetRules() {
    leads.scoringConfiguration().resetScoringRules(caller.tenant(), caller.principal().subject());
    return Response.noContent().build();
  }

  @POST
  @Path("/models")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Train a model on the tenant's won and lost leads in the background (202); see GET /scoring/models")
  @Requires(Permission.DATA_WRITE)
  public Response train() {
    String task = jobs.submit(JobsWiring.CRM_TRAIN_MODEL, caller.tenant(), caller.principal().subject());
    return Response.accepted(new TrainingView(task, "QUEUED")).build();
  }

  @GET
  @Path("/models")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every training run, oldest first, with holdout metrics and which model is active")
  @Requires(Permission.DATA_READ)
  public List<ModelView> models() {
    Optional<Integer> active = leads.predictiveModels().activeModel(caller.tenant()).map(PredictiveModel::version);
    return leads.predictiveModels().trainingRuns(caller.tenant()).stream().map(run -> ModelView.of(run, active)).toList();
  }

  @POST
  @Path("/models/{version}/activate")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Score new leads with this model; 404 when no such trained model")
  @Requires(Permission.DATA_WRITE)
  public List<ModelView> activate(@PathParam("version") int version) {
    leads.predictiveModels().activateModel(caller.tenant(), version);
    return models();
  }
}
