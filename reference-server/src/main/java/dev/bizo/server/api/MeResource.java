package dev.bizo.server.api;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NotFoundException;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.tenancy.Tenant;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.User;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.auth.ApiKeyScope;
import dev.bizo.tenancy.auth.AuthPrincipal;
import dev.bizo.tenancy.auth.AuthService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Who the credential belongs to, and the caller's own password. */
@Path("/me")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class MeResource {

  /**
   * The caller.
   *
   * @param kind {@code USER} or {@code API_KEY}
   * @param subject the user id, or the API key id
   * @param tenantId the tenant the credential belongs to
   * @param tenantSlug the tenant's slug
   * @param tenantName the tenant's name
   * @param email the user's e-mail; {@code null} for API keys
   * @param roles the user's roles; empty for API keys
   * @param scopes the API key's scopes; empty for users
   */
  public record Me(
      String kind, String subject, String tenantId, String tenantSlug, String tenantName, String email,
      List<String> roles, List<String> scopes) {}

  /**
   * A password change.
   *
   * @param currentPassword the password now
   * @param newPassword the new password, under the password policy
   * @param refreshToken optional: the refresh token of the session making the change, which stays; every other
   *     session of the user is revoked (all of them without it)
   */
  public record PasswordChangeRequest(String currentPassword, String newPassword, String refreshToken) {}

  @Inject Caller caller;
  @Inject Tenants tenants;
  @Inject Users users;
  @Inject AuthService auth;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The authenticated user or API key, and its tenant")
  public Me me() {
    AuthPrincipal principal = caller.principal();
    Tenant tenant = tenants.find(principal.tenant()).orElseThrow(() -> NotFoundException.of("tenant", principal.tenant().toString()));
    String email = null;
    if (principal.kind() == AuthPrincipal.Kind.USER) {
      User user = users.find(principal.tenant(), UUID.fromString(principal.subject()))
          .orElseThrow(() -> NotFoundException.of("user", principal.subject()));
      email = user.email();
    }
    return new Me(
        principal.kind().name(),
        principal.subject(),
        tenant.id().value().toString(),
        tenant.slug(),
        tenant.name(),
        email,
        principal.roles().stream().sorted().toList(),
        principal.scopes().stream().map(ApiKeyScope::value).sorted().toList());
  }

  @POST
  @Path("/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change your own password (users only; 204): ends your other sessions and keeps the one of "
      + "refreshToken, if given. 401 auth.invalid_credentials for a wrong current password, 422 when the policy refuses "
      + "the new one, 403 for an API key")
  public Response changePassword(PasswordChangeRequest body) {
    PasswordChangeRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("currentPassword", request.currentPassword()).required("newPassword", request.newPassword()).check();
    AuthPrincipal principal = caller.principal();
    if (principal.kind() != AuthPrincipal.Kind.USER) {
      throw new ForbiddenException("forbidden", "Only a user has a password to change");
    }
    auth.changePassword(principal.tenant(), UUID.fromString(principal.subject()), request.currentPassword(), request.newPassword(),
        Optional.ofNullable(request.refreshToken()).filter(t -> !t.isBlank()));
    return Response.noContent().build();
  }
}
