package dev.bizo.server.auth;

import dev.bizo.tenancy.auth.ApiKeys;
import dev.bizo.tenancy.auth.AuthPrincipal;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.AuthenticationException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Verifies {@code Authorization: Bearer <access token or API key>} on every endpoint not marked
 * {@link Public}. Failures are thrown as tenancy's {@link AuthenticationException} and become 401
 * problems: {@code unauthorized} without a credential, otherwise the specific code
 * ({@code auth.invalid_token}, {@code auth.token_expired}, {@code auth.invalid_api_key}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {

  /** Code of a request that presented no usable credential at all. */
  public static final String UNAUTHORIZED = "unauthorized";

  private static final String SCHEME = "Bearer ";

  @Context ResourceInfo resource;
  @Inject AuthService auth;
  @Inject Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    if (isPublic()) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new AuthenticationException(UNAUTHORIZED, "Send Authorization: Bearer <access token or API key>");
    }
    String credential = header.substring(SCHEME.length()).strip();
    AuthPrincipal principal =
        credential.startsWith(ApiKeys.PREFIX) ? auth.authenticateApiKey(credential) : auth.authenticate(credential);
    caller.authenticated(principal);
  }

  private boolean isPublic() {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    return (method != null && method.isAnnotationPresent(Public.class)) || (type != null && type.isAnnotationPresent(Public.class));
  }
}
