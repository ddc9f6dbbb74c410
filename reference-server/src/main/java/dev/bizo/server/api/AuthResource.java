package dev.bizo.server.api;

import dev.bizo.server.auth.Public;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.LoginRequest;
import dev.bizo.tenancy.auth.TokenPair;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Login, token refresh and logout. Every refusal is a 401 problem with an {@code auth.*} code. */
@Path("/auth")
@Public
@RequestScoped
public class AuthResource {

  /**
   * A password login.
   *
   * @param slug the tenant's slug
   * @param email the user's e-mail
   * @param password the user's password
   */
  public record TokenRequest(String slug, String email, String password) {}

  /**
   * A refresh token to exchange or end.
   *
   * @param refreshToken the refresh token from the last token response
   */
  public record RefreshRequest(String refreshToken) {}

  /**
   * Tokens, OAuth 2.0 style.
   *
   * @param accessToken the JWT to send as {@code Authorization: Bearer}
   * @param tokenType always {@code Bearer}
   * @param expiresIn seconds until the access token expires
   * @param refreshToken the single-use refresh token; each refresh returns a new one
   * @param refreshExpiresAt when the refresh token expires (ISO-8601)
   */
  public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String refreshExpiresAt) {}

  @Inject AuthService auth;
  @Inject Clock clock;
  @Context HttpServletRequest servletRequest;

  @POST
  @Path("/token")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "200", description = "The access and refresh tokens",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
  @APIResponse(responseCode = "401", description = "Unknown tenant, unknown e-mail or wrong password: auth.invalid_credentials")
  @APIResponse(responseCode = "429", description = "Too many failed logins from this address; retry after Retry-After")
  @Operation(operationId = "logIn", summary = "Log in with tenant slug, e-mail and password; 401 auth.invalid_credentials")
  public TokenResponse token(TokenRequest body) {
    TokenRequest request = RequestBodies.require(body);
    new RequestBodies.Fields()
        .required("slug", request.slug())
        .required("email", request.email())
        .required("password", request.password())
        .check();
    return toResponse(auth.login(new LoginRequest(request.slug(), request.email(), request.password(), servletRequest.getRemoteAddr())));
  }

  @POST
  @Path("/refresh")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "200", description = "The access and refresh tokens",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
  @APIResponse(responseCode = "401", description = "An unknown, expired or reused refresh token: auth.invalid_refresh_token")
  @Operation(operationId = "refreshToken", summary = "Exchange a refresh token for new tokens; a reused one revokes its session (401 auth.invalid_refresh_token)")
  public TokenResponse refresh(RefreshRequest body) {
    RefreshRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("refreshToken", request.refreshToken()).check();
    return toResponse(auth.refresh(request.refreshToken()));
  }

  @POST
  @Path("/logout")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "logOut", summary = "End the session of a refresh token (204, also when it had already ended)")
  public Response logout(RefreshRequest body) {
    RefreshRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("refreshToken", request.refreshToken()).check();
    auth.logout(request.refreshToken());
    return Response.noContent().build();
  }

  private TokenResponse toResponse(TokenPair tokens) {
    long expiresIn = Math.max(0, Duration.between(clock.instant(), tokens.access().expiresAt()).toSeconds());
    return new TokenResponse(
        tokens.access().value(), "Bearer", expiresIn, tokens.refresh().value(), tokens.refresh().expiresAt().toString());
  }
}
