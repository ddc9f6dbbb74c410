package dev.bizo.server.crm;

import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadPage;
import dev.bizo.crm.LeadQuery;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSort;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.api.EnumParameters;
import dev.bizo.server.api.InstantParameters;
import dev.bizo.server.api.RequestBodies;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.server.crm.LeadViews.ActivityView;
import dev.bizo.server.crm.LeadViews.ContributionView;
import dev.bizo.server.crm.LeadViews.LeadPageView;
import dev.bizo.server.crm.LeadViews.LeadView;
import dev.bizo.server.crm.LeadViews.ScoreChangeView;
import dev.bizo.server.crm.LeadViews.ScoreView;
import dev.bizo.server.crm.LeadViews.StatusChangeView;
import dev.bizo.server.crm.LeadViews.UtmView;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import dev.bizo.crm.importing.ImportFormat;
import dev.bizo.crm.importing.ImportMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Leads of the caller's tenant: scored on every change, with the score's explanation in every answer. */
@Path("/leads")
// One instance, not one per request: it holds only injected beans (the caller through its request-scoped
// proxy), and building a request-scoped resource was a measurable share of a lead create's CPU.
@ApplicationScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class LeadResource {

  /**
   * A lead to create, or the fields to change (PATCH: absent or null fields stay as they are).
   *
   * @param name the lead's name (required on create)
   * @param email e-mail, unique per tenant
   * @param phone phone
   * @param company company
   * @param jobTitle job title
   * @param industry industry
   * @param companySize employees
   * @param country country
   * @param source {@code WEBSITE}, {@code REFERRAL}, {@code SOCIAL_MEDIA}, {@code EMAIL}, {@code PAID_ADS}, {@code EVENT},
   *     {@code COLD_OUTREACH}, {@code PARTNER} or {@code OTHER} (required on create)
   * @param utm campaign parameters
   * @param owner owning user
   * @param tags tags
   * @param attributes free attributes
   */
  public record LeadRequest(
      String name, String email, String phone, String company, String jobTitle, String industry, Integer companySize,
      String country, String source, UtmView utm, String owner, List<String> tags, Map<String, Object> attributes) {}

  /**
   * A status change.
   *
   * @param status the new status; moves follow the lead lifecycle
   */
  public record StatusRequest(String status) {}

  /**
   * An activity to record.
   *
   * @param type {@code PAGE_VIEW}, {@code FORM_SUBMIT}, {@code EMAIL_OPEN}, {@code EMAIL_CLICK}, {@code MEETING}, {@code CALL} or {@code NOTE}
   * @param at when it happened (ISO-8601); absent means now
   * @param detail free text
   */
  public record ActivityRequest(String type, String at, String detail) {}

  @Inject Caller caller;
  @Inject LeadService leads;
  @Inject Clock clock;
  @Inject ImportJobs imports;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "201", description = "The new lead with its score and explanation",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
  @Operation(summary = "Create a lead (201); the answer carries its score and the explanation; 409 lead.duplicate_email")
  @Requires(Permission.DATA_WRITE)
  public Response create(LeadRequest body) {
    LeadRequest request = RequestBodies.require(body);
    Lead.Builder lead = Lead.builder(caller.tenant(), clock).name(request.name());
    if (request.source() != null) {
      lead.source(EnumParameters.parse(LeadSource.class, "source", request.source()));
    }
    apply(request, lead);
    StoredLead stored = leads.create(caller.tenant(), lead.build());
    return Response.created(URI.create("/api/v1/leads/" + stored.id())).entity(LeadView.of(stored)).build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Filter and page leads: status and source (comma-separated), minScore, maxScore, q (text), owner, tag, "
      + "from/to (created, ISO-8601), sort (created_at, score; prefix - for descending), cursor, limit")
  @Requires(Permission.DATA_READ)
  public LeadPageView list(
      @QueryParam("status") String status,
      @QueryParam("source") String source,
      @QueryParam("minScore") Integer minScore,
      @QueryParam("maxScore") Integer maxScore,
      @QueryParam("q") String text,
      @QueryParam("owner") String owner,
      @QueryParam("tag") String tag,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    LeadQuery.Builder query = LeadQuery.builder()
        .statuses(EnumParameters.parseAll(LeadStatus.class, "status", status))
        .sources(EnumParameters.parseAll(LeadSource.class, "source", source));
    if (minScore != null) {
      query.minScore(minScore);
    }
    if (maxScore != null) {
      query.maxScore(maxScore);
    }
    if (text != null && !text.isBlank()) {
      query.text(text);
    }
    if (owner != null && !owner.isBlank()) {
      query.owner(owner);
    }
    if (tag != null && !tag.isBlank()) {
      query.tag(tag);
    }
    if (from != null || to != null) {
      query.created(instant("from", from, Instant.EPOCH), instant("to", to, Instant.parse("9999-12-31T00:00:00Z")));
    }
    if (sort != null && !sort.isBlank()) {
      boolean descending = sort.startsWith("-");
      query.sort(EnumParameters.parse(LeadSort.class, "sort", descending ? sort.substring(1) : sort), descending);
    }
    if (limit != null) {
      query.limit(limit);
    }
    if (cursor != null && !cursor.isBlank()) {
      query.after(cursor);
    }
    LeadPage page = leads.query(caller.tenant(), query.build());
    return new LeadPageView(page.leads().stream().map(LeadView::of).toList(), page.nextCursor().orElse(null));
  }

  @POST
  @Path("/import")
  @Consumes({"text/csv", "application/x-ndjson"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Import leads from a CSV (text/csv) or NDJSON (application/x-ndjson) body as a background job (202); "
      + "mode=best_effort (default) or all_or_nothing; follow GET /imports/{id}")
  @Requires(Permission.DATA_WRITE)
  public Response importLeads(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @QueryParam("mode") String mode, InputStream body) {
    ImportFormat format = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv") ? ImportFormat.CSV : ImportFormat.NDJSON;
    ImportMode importMode = mode == null || mode.isBlank() ? ImportMode.BEST_EFFORT : EnumParameters.parse(ImportMode.class, "mode", mode);
    ImportJob job = imports.submit(caller.tenant(), body, format, importMode);
    return Response.accepted(ImportResource.ImportView.of(job)).location(URI.create("/api/v1/imports/" + job.id())).build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A lead with its score and explanation; 404 lead.not_found, also for other tenants' leads")
  @Requires(Permission.DATA_READ)
  public LeadView get(@PathParam("id") String id) {
    return LeadView.of(find(id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change some fields of a lead; it is rescored")
  @Requires(Permission.DATA_WRITE)
  public LeadView update(@PathParam("id") String id, LeadRequest body) {
    LeadRequest request = RequestBodies.require(body);
    LeadSource source = request.source() == null ? null : EnumParameters.parse(LeadSource.class, "source", request.source());
    return LeadView.of(leads.update(caller.tenant(), leadId(id), b -> {
      if (request.name() != null) {
        b.name(request.name());
      }
      if (source != null) {
        b.source(source);
      }
      apply(request, b);
      return b;
    }));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a lead and its activities (204); its history stays for the audit")
  @Requires(Permission.DATA_WRITE)
  public Response delete(@PathParam("id") String id) {
    leads.delete(caller.tenant(), leadId(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/status")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Move a lead along its lifecycle; 409 lead.illegal_transition for a move the lifecycle forbids")
  @Requires(Permission.DATA_WRITE)
  public LeadView changeStatus(@PathParam("id") String id, StatusRequest body) {
    StatusRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("status", request.status()).check();
    LeadStatus to = EnumParameters.parse(LeadStatus.class, "status", request.status());
    return LeadView.of(leads.changeStatus(caller.tenant(), leadId(id), to, caller.principal().subject()));
  }

  @GET
  @Path("/{id}/status")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every status change of a lead, oldest first")
  @Requires(Permission.DATA_READ)
  public List<StatusChangeView> statusHistory(@PathParam("id") String id) {
    LeadId leadId = find(id).id();
    return leads.statusHistory(caller.tenant(), leadId).stream().map(StatusChangeView::of).toList();
  }

  @POST
  @Path("/{id}/activities")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record an activity (201); the lead is rescored and returned")
  @Requires(Permission.DATA_WRITE)
  public Response addActivity(@PathParam("id") String id, ActivityRequest body) {
    ActivityRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("type", request.type()).check();
    ActivityType type = EnumParameters.parse(ActivityType.class, "type", request.type());
    Instant at = instant("at", request.at(), clock.instant());
    StoredLead stored = leads.addActivity(caller.tenant(), leadId(id), new Activity(type, at, request.detail()));
    return Response.status(Response.Status.CREATED).entity(LeadView.of(stored)).build();
  }

  @GET
  @Path("/{id}/activities")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A lead's activities, oldest first")
  @Requires(Permission.DATA_READ)
  public List<ActivityView> activities(@PathParam("id") String id) {
    LeadId leadId = find(id).id();
    return leads.activities(caller.tenant(), leadId).stream().map(ActivityView::of).toList();
  }

  @GET
  @Path("/{id}/score")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A lead's score, its explanation, and its score history")
  @Requires(Permission.DATA_READ)
  public ScoreView score(@PathParam("id") String id) {
    StoredLead stored = find(id);
    LeadScore s = stored.score();
    return new ScoreView(
        stored.id().toString(), s.value(), stored.priority().name(), s.scorerId() + ":" + s.scorerVersion(),
        s.scoredAt().toString(), s.contributions().stream().map(ContributionView::of).toList(),
        s.topPositive(3).stream().map(ContributionView::of).toList(),
        s.topNegative(3).stream().map(ContributionView::of).toList(),
        leads.scoreHistory(caller.tenant(), stored.id()).stream().map(ScoreChangeView::of).toList());
  }

  private StoredLead find(String id) {
    return leads.get(caller.tenant(), leadId(id)).orElseThrow(() -> NotFoundException.of("lead", id));
  }

  private static void apply(LeadRequest r, Lead.Builder b) {
    if (r.email() != null) {
      b.email(r.email());
    }
    if (r.phone() != null) {
      b.phone(r.phone());
    }
    if (r.company() != null) {
      b.company(r.company());
    }
    if (r.jobTitle() != null) {
      b.jobTitle(r.jobTitle());
    }
    if (r.industry() != null) {
      b.industry(r.industry());
    }
    if (r.companySize() != null) {
      b.companySize(r.companySize());
    }
    if (r.country() != null) {
      b.country(r.country());
    }
    if (r.utm() != null) {
      b.utm(r.utm().toUtm());
    }
    if (r.owner() != null) {
      b.owner(r.owner());
    }
    if (r.tags() != null) {
      b.tags(r.tags());
    }
    if (r.attributes() != null) {
      b.attributes(r.attributes());
    }
  }

  static LeadId leadId(String id) {
    try {
      return new LeadId(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      throw NotFoundException.of("lead", id);
    }
  }

  static Instant instant(String field, String text, Instant absent) {
    return InstantParameters.parse(field, text).orElse(absent);
  }
}
