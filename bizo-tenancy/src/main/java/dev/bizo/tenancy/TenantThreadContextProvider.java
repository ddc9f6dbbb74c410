package dev.bizo.tenancy;

import dev.bizo.core.TenantId;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;

/**
 * Carries {@link TenantContext} into tasks of Jakarta Concurrency managed executors (e.g. in WildFly),
 * registered through {@code META-INF/services}. The context type is {@value #CONTEXT_TYPE}; list it in a
 * {@code @ContextServiceDefinition}'s {@code propagated} (or rely on {@code ALL_REMAINING}) to propagate
 * the tenant, or in {@code cleared} to run tasks without one.
 *
 * <p>Only a Jakarta EE server loads this class; embedded use needs neither it nor the Concurrency API.
 */
public final class TenantThreadContextProvider implements ThreadContextProvider {

  /** The thread context type name. */
  public static final String CONTEXT_TYPE = "BizoTenant";

  /** Called by the server's ServiceLoader. */
  public TenantThreadContextProvider() {}

  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> props) {
    return snapshot(TenantContext.current().orElse(null));
  }

  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> props) {
    return snapshot(null);
  }

  @Override
  public String getThreadContextType() {
    return CONTEXT_TYPE;
  }

  private static ThreadContextSnapshot snapshot(TenantId tenant) {
    return () -> {
      TenantId outer = TenantContext.swap(tenant);
      return () -> TenantContext.restore(outer);
    };
  }
}
