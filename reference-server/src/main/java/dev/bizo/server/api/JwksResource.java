package dev.bizo.server.api;

import dev.bizo.server.auth.Public;
import dev.bizo.tenancy.auth.AuthService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The public keys that verify access tokens, for services that check tokens themselves. */
@Path("/.well-known/jwks.json")
@Public
@RequestScoped
public class JwksResource {

  @Inject AuthService auth;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "JSON Web Key Set (RFC 7517) of the access-token signing keys; public parts only")
  public String jwks() {
    return auth.jwksJson();
  }
}
