package dev.bizo.server.api;

import dev.bizo.server.auth.Public;
import dev.bizo.server.config.ServerState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What is running: lets a client check it reached a Bizo server, and which build. */
@Path("/info")
@Public
@RequestScoped
public class InfoResource {

  /**
   * The server's identity.
   *
   * @param name always {@code bizo-reference-server}
   * @param version the build's project version
   * @param startedAt when startup finished (ISO-8601), or {@code null} while starting
   */
  public record ServerInfo(String name, String version, String startedAt) {}

  @Inject ServerState state;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Name, version and start time of this server")
  public ServerInfo info() {
    return new ServerInfo(
        "bizo-reference-server", state.version(), state.startedAt().map(Object::toString).orElse(null));
  }
}
