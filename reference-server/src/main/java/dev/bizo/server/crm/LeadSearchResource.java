package dev.bizo.server.crm;

import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.search.BackgroundModel;
import dev.bizo.crm.search.LeadEmbeddingIndex;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.server.crm.LeadViews.LeadView;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * "Find leads like this": semantic search over the tenant's stored lead embeddings (all-MiniLM-L6-v2, offline).
 * While the model is still loading (it loads after startup, off the path to ready) a search is answered 503
 * {@code search.model_loading} with {@code Retry-After}, at once rather than after a wait.
 */
@Path("/leads/search")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class LeadSearchResource {

  /**
   * A match.
   *
   * @param similarity cosine similarity, 1 is identical
   * @param lead the lead
   */
  public record MatchView(double similarity, LeadView lead) {}

  @Inject Caller caller;
  @Inject LeadService leads;
  @Inject LeadEmbeddingIndex index;
  @Inject BackgroundModel searchModel;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "searchLeads", summary = "The k leads most similar to q (k 1–50, default 10); new leads are searchable once indexed in"
      + " the background. 503 search.model_loading with Retry-After while the search model loads after startup")
  @Requires(Permission.DATA_READ)
  public List<MatchView> search(
      @Parameter(description = "The text to find similar leads for; every search endpoint takes q") @QueryParam("q") String q,
      @Parameter(description = "Alias of q, kept for clients written before q", deprecated = true) @QueryParam("text") String text,
      @QueryParam("k") Integer k) {
    String query = q != null ? q : text;
    if (q != null && text != null && !q.equals(text)) {
      throw ValidationException.ofField("q", "conflict", "q and its alias text differ; send q only");
    }
    if (query == null || query.isBlank()) {
      throw ValidationException.ofField("q", "required", "q is required");
    }
    int limit = k == null ? 10 : k;
    if (limit < 1 || limit > 50) {
      throw ValidationException.ofField("k", "out_of_range", "1 to 50");
    }
    searchModel.requireLoaded();
    List<MatchView> out = new ArrayList<>();
    for (VectorMatch<LeadId> match : index.findSimilar(caller.tenant(), query, limit)) {
      Optional<StoredLead> lead = leads.get(caller.tenant(), match.key());
      lead.ifPresent(l -> out.add(new MatchView(match.similarity(), LeadView.of(l))));
    }
    return out;
  }
}
