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

/** Crews of agents working on one task for the caller's tenant; the answer has every agent's output. */
@Path("/crews")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class CrewResource {

  /** The crews this server offers, by the name used in {@code POST /crews/{name}/runs}. */
  static final Map<String, Crew> CREWS = Map.of("campaign", Crew.campaign());

  @Inject Caller caller;
  @Inject AgentRuntime runtime;
  @Inject Clock clock;

  @POST
  @Path("/{name}/runs")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Run a crew, e.g. campaign (201 with the trace and each agent's output); 404 crew.not_found")
  @Requires(Permission.DATA_WRITE)
  public Response runCrew(@PathParam("name") String name, AgentResource.RunRequest body) {
    Crew crew = CREWS.get(name);
    if (crew == null) {
      throw NotFoundException.of("crew", name);
    }
    CrewResult result = runtime.run(caller.tenant(), crew, AgentResource.task(body, clock));
    JsonObjectBuilder outputs = Json.createObjectBuilder();
    result.outputs().forEach((role, output) -> outputs.add(role.id(), AgentViews.toJson(output)));
    RunView run = RunView.of(result.trace());
    return Response.created(URI.create("/api/v1/agent-runs/" + run.id())).entity(new RunResultView(run, outputs.build())).build();
  }

}
