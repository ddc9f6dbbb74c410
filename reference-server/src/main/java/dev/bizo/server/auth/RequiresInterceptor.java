package dev.bizo.server.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/**
 * Checks a {@link Requires} method's permission with {@link Caller#require} before the method runs, so the
 * refusal is the same 403 {@code forbidden} problem the call in the method body used to throw. It runs inside
 * {@link CallerTenantInterceptor}'s tenant binding (a later priority), where those calls ran.
 */
@Requires(dev.bizo.tenancy.Permission.DATA_READ) // the binding; the member is @Nonbinding and read per method
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class RequiresInterceptor {

  @Inject Caller caller;

  @AroundInvoke
  Object checkPermission(InvocationContext invocation) throws Exception {
    caller.require(requirement(invocation.getMethod()).value());
    return invocation.proceed();
  }

  private static Requires requirement(Method method) {
    Requires onMethod = method.getAnnotation(Requires.class);
    return onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(Requires.class);
  }
}
