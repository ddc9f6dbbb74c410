package dev.bizo.server.api;

import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.auth.ApiKey;
import dev.bizo.tenancy.auth.ApiKeyScope;
import dev.bizo.tenancy.auth.ApiKeys;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.IssuedApiKey;
import dev.bizo.tenancy.auth.NewApiKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * API keys of the caller's tenant. The secret is shown once, in the creation response. A key's scopes
 * name permissions ({@code users:read}, {@code data:write}, ...), and nobody can mint a key that may do
 * more than they may.
 */
@Path("/api-keys")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class ApiKeyResource {

  /**
   * A key to create.
   *
   * @param name a label, 1–100 characters
   * @param scopes what the key may do, e.g. {@code ["data:read"]}
   * @param expiresAt when it stops working (ISO-8601); absent means never
   * @param rateLimitPerMinute the key's own request limit a minute, at least 1; absent means the server-wide
   *     {@code BIZO_API_RATE_LIMIT_PER_MINUTE}, which also caps it
   */
  public record NewKeyRequest(String name, List<String> scopes, String expiresAt, Integer rateLimitPerMinute) {}

  /**
   * A key, without its secret.
   *
   * @param keyId the key's public id
   * @param name the label
   * @param scopes the scopes
   * @param createdAt when it was created
   * @param expiresAt when it expires, or {@code null}
   * @param lastUsedAt when it last authenticated, or {@code null}
   * @param revokedAt when it was revoked, or {@code null}
   * @param rateLimitPerMinute the key's own request limit a minute, or {@code null} for the server-wide one
   */
  public record KeyView(
      String keyId,
      String name,
      List<String> scopes,
      String createdAt,
      String expiresAt,
      String lastUsedAt,
      String revokedAt,
      Integer rateLimitPerMinute) {

    static KeyView of(ApiKey key) {
      return new KeyView(
          key.keyId(),
          key.name(),
          key.scopes().stream().map(ApiKeyScope::value).sorted().toList(),
          key.createdAt().toString(),
          key.expiresAt().map(Instant::toString).orElse(null),
          key.lastUsedAt().map(Instant::toString).orElse(null),
          key.revokedAt().map(Instant::toString).orElse(null),
          key.rateLimitPerMinute().isPresent() ? key.rateLimitPerMinute().getAsInt() : null);
    }
  }

  /**
   * A new key with its secret, shown only here.
   *
   * @param key the secret to send as {@code Authorization: Bearer}
   * @param details the key's stored details
   */
  public record IssuedKeyView(String key, KeyView details) {}

  @Inject Caller caller;
  @Inject AuthService auth;
  @Inject ApiKeys apiKeys;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "201", description = "The key: its secret, shown this once, and its details",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedKeyView.class)))
  @Operation(summary = "Create an API key (admin; 201), optionally with a rate limit of its own; the secret is returned once")
  @Requires(Permission.API_KEYS_MANAGE)
  public Response create(NewKeyRequest body) {
    NewKeyRequest request = RequestBodies.require(body);
    List<FieldError> errors = new ArrayList<>();
    if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
      errors.add(new FieldError("name", "invalid_name", "1 to 100 characters"));
    }
    Set<ApiKeyScope> scopes = scopes(request.scopes(), errors);
    Optional<Instant> expiresAt = Optional.empty();
    if (request.expiresAt() != null) {
      try {
        expiresAt = Optional.of(Instant.parse(request.expiresAt()));
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("expiresAt", "invalid_instant", "An ISO-8601 instant, e.g. 2030-01-01T00:00:00Z"));
      }
    }
    if (request.rateLimitPerMinute() != null && request.rateLimitPerMinute() < 1) {
      errors.add(new FieldError("rateLimitPerMinute", "invalid_rate_limit", "At least 1 request a minute"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    NewApiKey spec = NewApiKey.of(request.name(), scopes).createdBy(caller.principal().subject());
    if (expiresAt.isPresent()) {
      spec = spec.expiringAt(expiresAt.get());
    }
    if (request.rateLimitPerMinute() != null) {
      spec = spec.limitedTo(request.rateLimitPerMinute());
    }
    IssuedApiKey issued = auth.createApiKey(caller.tenant(), spec);
    return Response.created(URI.create("/api/v1/api-keys/" + issued.key().keyId()))
        .entity(new IssuedKeyView(issued.secretKey(), KeyView.of(issued.key())))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tenant's API keys, without secrets (admin)")
  @Requires(Permission.API_KEYS_MANAGE)
  public List<KeyView> list() {
    return apiKeys.list(caller.tenant()).stream().map(KeyView::of).toList();
  }

  @DELETE
  @Path("/{keyId}")
  @Operation(summary = "Revoke an API key at once (admin; 204); 404 for unknown keys and other tenants' keys")
  @Requires(Permission.API_KEYS_MANAGE)
  public Response revoke(@PathParam("keyId") String keyId) {
    auth.revokeApiKey(caller.tenant(), keyId, caller.principal().subject());
    return Response.noContent().build();
  }

  /** Only scopes that name a permission, and only permissions the caller holds. */
  private Set<ApiKeyScope> scopes(List<String> requested, List<FieldError> errors) {
    Set<ApiKeyScope> scopes = new TreeSet<>();
    if (requested == null || requested.isEmpty()) {
      errors.add(new FieldError("scopes", "required", "At least one scope, e.g. data:read"));
      return scopes;
    }
    for (String name : requested) {
      Optional<Permission> permission =
          EnumSet.allOf(Permission.class).stream().filter(p -> Caller.scopeOf(p).value().equals(name)).findFirst();
      if (permission.isEmpty()) {
        errors.add(new FieldError("scopes", "unknown_scope", "Unknown scope: " + name));
      } else if (!caller.allows(permission.get())) {
        errors.add(new FieldError("scopes", "scope_not_held", "You cannot grant a scope you do not hold: " + name));
      } else {
        scopes.add(Caller.scopeOf(permission.get()));
      }
    }
    return scopes;
  }
}
