package dev.bizo.server.auth;

import dev.bizo.tenancy.Permission;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a resource method requires of the caller, checked by {@link RequiresInterceptor} before the
 * method runs, exactly as {@link Caller#require(Permission)} would: from the role of a user or the scopes of an
 * API key, refused with 403 {@code forbidden}.
 *
 * <pre>{@code
 * @DELETE
 * @Path("/{id}")
 * @Requires(Permission.DATA_WRITE)
 * public Response delete(@PathParam("id") String id) { ... }
 * }</pre>
 *
 * <p>On a resource class it applies to every method that does not name its own.
 *
 * <p>A check whose permission depends on the request (its body, a parameter) stays a call to
 * {@link Caller#require(Permission)} in the method.
 */
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {

  /** The permission; not part of the binding, so one interceptor serves every permission. */
  @Nonbinding
  Permission value();
}
