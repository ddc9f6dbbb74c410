package dev.bizo.server.agents;

import dev.bizo.agents.AgentResult;
import dev.bizo.agents.AgentRole;
import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.crew.Crew;
import dev.bizo.agents.crew.CrewResult;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.trace.AgentRunId;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.agents.AgentViews.RunResultView;
import dev.bizo.server.agents.AgentViews.RunView;
import dev.bizo.server.api.EnumParameters;
import dev.bizo.server.api.RequestBodies;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Traces of the caller's agent and crew runs. */
@Path("/agent-runs")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class AgentRunResource {

  /**
   * A page of runs.
   *
   * @param items newest first
   */
  public record RunListView(List<RunView> items) {}

  @Inject Caller caller;
  @Inject RunStore runs;

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "getAgentRun", summary = "A run's trace: steps, tool calls, tokens, estimated cost and status")
  @Requires(Permission.DATA_READ)
  public RunView run(@PathParam("id") String id) {
    AgentRunId runId;
    try {
      runId = new AgentRunId(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      throw NotFoundException.of("agent_run", id);
    }
    return runs.find(caller.tenant(), runId).map(RunView::of).orElseThrow(() -> NotFoundException.of("agent_run", id));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "listAgentRuns", summary = "The tenant's recent runs, newest first, optionally by status (RUNNING, SUCCEEDED, FAILED)")
  @Requires(Permission.DATA_READ)
  public RunListView recent(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
    RunStatus wanted = status == null || status.isBlank() ? null : EnumParameters.parse(RunStatus.class, "status", status);
    int max = limit == null ? 50 : limit;
    if (max < 1 || max > 200) {
      throw ValidationException.ofField("limit", "out_of_range", "1 to 200");
    }
    return new RunListView(runs.recent(caller.tenant(), max).stream()
        .filter(t -> wanted == null || t.status() == wanted)
        .map(RunView::of)
        .toList());
  }

}
