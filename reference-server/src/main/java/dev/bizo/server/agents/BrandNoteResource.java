package dev.bizo.server.agents;

import dev.bizo.agents.data.BrandNoteId;
import dev.bizo.agents.data.BrandNotes;
import dev.bizo.agents.data.StoredBrandNote;
import dev.bizo.agents.spi.BrandNote;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.api.RequestBodies;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The tenant's brand notes (tone of voice, claims, product facts), which the content creator searches by
 * meaning to ground its copy.
 */
@Path("/brand-notes")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class BrandNoteResource {

  /**
   * A note to add.
   *
   * @param text the note, at most {@value BrandNotes#MAX_TEXT} characters
   */
  public record NoteRequest(String text) {}

  /**
   * A stored note.
   *
   * @param id the note id
   * @param text the note
   * @param createdAt when added
   */
  public record NoteView(String id, String text, String createdAt) {
    static NoteView of(StoredBrandNote n) {
      return new NoteView(n.id().toString(), n.text(), n.createdAt().toString());
    }
  }

  @Inject Caller caller;
  @Inject BrandNotes notes;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a brand note (201); it is embedded for semantic search")
  @Requires(Permission.DATA_WRITE)
  public Response add(NoteRequest body) {
    NoteRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("text", request.text()).check();
    StoredBrandNote stored = notes.add(caller.tenant(), request.text());
    return Response.created(URI.create("/api/v1/brand-notes/" + stored.id())).entity(NoteView.of(stored)).build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tenant's brand notes, oldest first")
  @Requires(Permission.DATA_READ)
  public List<NoteView> list() {
    return notes.list(caller.tenant()).stream().map(NoteView::of).toList();
  }

  @GET
  @Path("/search")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The notes closest in meaning to q, with their relevance (0..1), best first")
  @Requires(Permission.DATA_READ)
  public List<BrandNote> search(@QueryParam("q") String query, @QueryParam("limit") Integer limit) {
    new RequestBodies.Fields().required("q", query).check();
    int max = limit == null ? 5 : limit;
    if (max < 1 || max > 50) {
      throw ValidationException.ofField("limit", "out_of_range", "1 to 50");
    }
    return notes.search(caller.tenant(), query, max);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a brand note (204); 404 brand_note.not_found, also for other tenants' notes")
  @Requires(Permission.DATA_WRITE)
  public Response delete(@PathParam("id") String id) {
    BrandNoteId note;
    try {
      note = BrandNoteId.parse(id);
    } catch (RuntimeException e) {
      throw NotFoundException.of("brand_note", id);
    }
    if (!notes.delete(caller.tenant(), note)) {
      throw NotFoundException.of("brand_note", id);
    }
    return Response.noContent().build();
  }
}
