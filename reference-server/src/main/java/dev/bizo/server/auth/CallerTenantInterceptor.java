package dev.bizo.server.auth;

import dev.bizo.tenancy.TenantContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Binds the tenant of the verified credential, and only that tenant, for the length of one resource
 * method. TenantContext has no set/clear pair on purpose, so the binding is a scope around the call.
 */
@InCallerTenant
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class CallerTenantInterceptor {

  @Inject Caller caller;

  @AroundInvoke
  Object inTenant(InvocationContext invocation) throws Exception {
    Exception[] failure = new Exception[1];
    Object result =
        TenantContext.call(
            caller.tenant(),
            () -> {
              try {
                return invocation.proceed();
              } catch (Exception e) {
                failure[0] = e;
                return null;
              }
            });
    if (failure[0] != null) {
      throw failure[0];
    }
    return result;
  }
}
