package dev.bizo.benchmarks.bare;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/**
 * {@code POST /echo}: the framework's floor for the server's lead ingest. It reads the same JSON body as
 * {@code POST /api/v1/leads} through JSON-B, and answers 201 with a location and the body back with an id,
 * through JSON-B again; no authentication, no database. The suite measures its CPU per request beside the
 * server's CPU per lead.
 */
@Path("/echo")
@ApplicationScoped
public class EchoResource {

  /**
   * The fields a benchmark lead carries.
   *
   * @param name the lead's name
   * @param email its e-mail address
   * @param company its company
   * @param jobTitle its job title
   * @param source where it came from
   */
  public record LeadBody(String name, String email, String company, String jobTitle, String source) {}

  /**
   * The answer: the body with an id.
   *
   * @param id a fresh id
   * @param lead the body as read
   */
  public record Created(String id, LeadBody lead) {}

  /** Reads the body and answers it back with a fresh id. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response echo(LeadBody body) {
    String id = UUID.randomUUID().toString();
    return Response.created(URI.create("/echo/" + id)).entity(new Created(id, body)).build();
  }
}
