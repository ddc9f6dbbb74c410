package dev.bizo.benchmarks.bare;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /hello}: the bare application's one endpoint. */
@Path("/hello")
@ApplicationScoped
public class HelloResource {

  /** A constant greeting. */
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String hello() {
    return "hello";
  }
}
