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

/**
 * The marketing agents, run for the caller's tenant over its own leads and payments. A run
 * answers when it has finished (offline mode answers at once); its trace stays readable afterwards.
 */
@Path("/agents")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class AgentResource {

  /**
   * An agent.
   *
   * @param type the id to use in {@code POST /agents/{type}/runs}
   * @param title what it is
   * @param goal what it does
   */
  public record AgentView(String type, String title, String goal) {}

  /**
   * What to run.
   *
   * @param instruction what to do, in words
   * @param from first day of the period to look at (ISO date); default 30 days ago
   * @param to last day of the period (ISO date); default today
   * @param keywords keywords for content and SEO
   * @param pageUrl a page for the SEO analyser to fetch
   * @param pageHtml a page's HTML for the SEO analyser
   * @param leadLimit how many top leads to consider
   */
  public record RunRequest(
      String instruction, String from, String to, List<String> keywords, String pageUrl, String pageHtml, Integer leadLimit) {}

  @Inject Caller caller;
  @Inject AgentRuntime runtime;
  @Inject RunStore runs;
  @Inject Clock clock;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The agents, with their type, title and goal, and the mode they run in")
  @Requires(Permission.DATA_READ)
  public List<AgentView> agents() {
    return Arrays.stream(AgentRole.values()).map(r -> new AgentView(r.id(), r.title(), r.goal())).toList();
  }

  @POST
  @Path("/{type}/runs")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Run one agent (201 with its trace and output); 404 agent.not_found for an unknown type")
  @Requires(Permission.DATA_WRITE)
  public Response runAgent(@PathParam("type") String type, RunRequest body) {
    AgentRole role = AgentRole.byId(type).orElseThrow(() -> NotFoundException.of("agent", type));
    AgentTask task = task(body, clock);
    AgentResult<?> result = switch (role) {
      case STRATEGIST -> runtime.strategist(caller.tenant(), task);
      case CONTENT_CREATOR -> runtime.contentCreator(caller.tenant(), task);
      case SEO_ANALYSER -> runtime.seoAnalyser(caller.tenant(), task);
      case LEAD_SCORER -> runtime.leadScorer(caller.tenant(), task);
      case REPORT_GENERATOR -> runtime.reportGenerator(caller.tenant(), task);
    };
    RunView run = RunView.of(result.trace());
    return Response.created(URI.create("/api/v1/agent-runs/" + run.id()))
        .entity(new RunResultView(run, AgentViews.toJson(result.output().orElse(null))))
        .build();
  }

  static AgentTask task(RunRequest body, Clock clock) {
    RunRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("instruction", request.instruction()).check();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate to = date("to", request.to(), today);
    LocalDate from = date("from", request.from(), to.minusDays(30));
    AgentTask.Builder task = AgentTask.builder(request.instruction(), new DayRange(from, to));
    if (request.keywords() != null) {
      task.keywords(request.keywords().toArray(String[]::new));
    }
    if (request.pageHtml() != null) {
      task.pageHtml(request.pageHtml());
    }
    if (request.pageUrl() != null) {
      try {
        task.pageUrl(URI.create(request.pageUrl()));
      } catch (IllegalArgumentException e) {
        throw ValidationException.ofField("pageUrl", "invalid_url", "Not a URL");
      }
    }
    if (request.leadLimit() != null) {
      task.leadLimit(request.leadLimit());
    }
    return task.build();
  }

  private static LocalDate date(String field, String text, LocalDate absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ValidationException.ofField(field, "invalid_date", "An ISO-8601 date, e.g. 2026-01-31");
    }
  }
}
