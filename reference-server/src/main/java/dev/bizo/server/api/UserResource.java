package dev.bizo.server.api;

import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.User;
import dev.bizo.tenancy.UserUpdate;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.auth.AuthService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The users of the caller's tenant: add, list, change role, disable, remove. Another tenant's user is a 404, exactly
 * like one that never existed. An API key with {@code users:manage} acts as an admin (it cannot touch owners).
 */
@Path("/users")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class UserResource {

  /**
   * A user to add.
   *
   * @param email the user's e-mail, unique in the tenant
   * @param role {@code OWNER}, {@code ADMIN}, {@code MEMBER} or {@code VIEWER}
   * @param password the initial password; absent means the user cannot log in yet
   */
  public record NewUserRequest(String email, String role, String password) {}

  /**
   * A change to a user; absent fields stay as they are, and at least one must be present.
   *
   * @param role the new role: {@code OWNER}, {@code ADMIN}, {@code MEMBER} or {@code VIEWER}
   * @param disabled {@code true} to disable the user (no login; their sessions end), {@code false} to enable them
   */
  public record UserChangeRequest(String role, Boolean disabled) {}

  /**
   * A user.
   *
   * @param id the user id
   * @param email the e-mail
   * @param role the role
   * @param active whether the user may log in: {@code false} once disabled
   * @param createdAt when the user was added (ISO-8601)
   */
  public record UserView(String id, String email, String role, boolean active, String createdAt) {

    static UserView of(User user) {
      return new UserView(user.id().toString(), user.email(), user.role().name(), user.active(), user.createdAt().toString());
    }
  }

  @Inject Caller caller;
  @Inject Users users;
  @Inject AuthService auth;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a user (admin; 201); 409 tenancy.email_taken, 422 with field errors")
  @Requires(Permission.USERS_MANAGE)
  public Response add(NewUserRequest body) {
    NewUserRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("email", request.email()).required("role", request.role()).check();
    Role role = Role.parse(request.role());
    String hash = request.password() == null ? null : auth.hashNewPassword(request.password());
    User user = users.add(caller.actingFor(Permission.USERS_MANAGE), request.email(), role, hash);
    return Response.created(URI.create("/api/v1/users/" + user.id())).entity(UserView.of(user)).build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tenant's users (members and up)")
  @Requires(Permission.USERS_READ)
  public List<UserView> list() {
    return users.list(caller.tenant()).stream().map(UserView::of).toList();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One user of the tenant; 404 user.not_found also for other tenants' users")
  @Requires(Permission.USERS_READ)
  public UserView get(@PathParam("id") String id) {
    UUID userId = parse(id);
    return users.find(caller.tenant(), userId).map(UserView::of).orElseThrow(() -> NotFoundException.of("user", id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a user's role and/or disable or enable them (admin); both parts or neither. "
      + "Disabling ends the user's sessions. 409 tenancy.last_owner for the last active owner, 403 when a non-owner "
      + "touches an owner, 404 user.not_found also for other tenants' users")
  @Requires(Permission.USERS_MANAGE)
  public UserView change(@PathParam("id") String id, UserChangeRequest body) {
    UUID userId = parse(id);
    UserChangeRequest request = RequestBodies.require(body);
    if (request.role() == null && request.disabled() == null) {
      throw ValidationException.ofField("role", "required", "Give role, disabled or both");
    }
    UserUpdate change = new UserUpdate(Optional.ofNullable(request.role()).map(Role::parse), Optional.ofNullable(request.disabled()));
    return UserView.of(users.update(caller.actingFor(Permission.USERS_MANAGE), userId, change));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Remove a user (admin; 204); their sessions end. 409 tenancy.last_owner for the last active owner, "
      + "403 when a non-owner removes an owner, 404 user.not_found also for other tenants' users")
  @Requires(Permission.USERS_MANAGE)
  public Response remove(@PathParam("id") String id) {
    users.remove(caller.actingFor(Permission.USERS_MANAGE), parse(id));
    return Response.noContent().build();
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ValidationException.ofField("id", "invalid_id", "Not a user id: " + id);
    }
  }
}
