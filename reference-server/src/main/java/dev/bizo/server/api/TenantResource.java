package dev.bizo.server.api;

import dev.bizo.platform.Bizo;
import dev.bizo.platform.SignUp;
import dev.bizo.server.auth.Public;
import dev.bizo.tenancy.SignupResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Signup: a new tenant and its owner in one step. */
@Path("/tenants")
@RequestScoped
public class TenantResource {

  /**
   * A signup.
   *
   * @param tenantName the tenant's display name
   * @param slug the tenant's unique login name: 3–63 lower-case letters, digits and inner hyphens
   * @param ownerEmail the owner's e-mail
   * @param password the owner's password; checked against the password policy
   */
  public record SignupRequest(String tenantName, String slug, String ownerEmail, String password) {}

  /**
   * The created tenant and owner.
   *
   * @param tenantId the new tenant's id
   * @param slug the normalised slug to log in with
   * @param tenantName the display name
   * @param userId the owner's user id
   * @param ownerEmail the owner's normalised e-mail
   */
  public record SignupResponse(String tenantId, String slug, String tenantName, String userId, String ownerEmail) {}

  @Inject Bizo bizo;

  @POST
  @Public
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "201", description = "The new tenant and its owner",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignupResponse.class)))
  @Operation(summary = "Create a tenant and its owner (201); 409 tenancy.slug_taken, 422 with field errors")
  public Response signup(SignupRequest body) {
    SignupRequest request = RequestBodies.require(body);
    // Bizo reports every refused field (tenant fields and password policy) in one ValidationException: one 422.
    SignupResult result = bizo.signUp(
        SignUp.of(request.tenantName(), request.slug(), request.ownerEmail(), request.password()));
    SignupResponse response =
        new SignupResponse(
            result.tenant().id().value().toString(),
            result.tenant().slug(),
            result.tenant().name(),
            result.owner().id().toString(),
            result.owner().email());
    return Response.created(URI.create("/api/v1/me")).entity(response).build();
  }
}
