package dev.bizo.testkit;

import dev.bizo.testkit.internal.SharedPostgres;
import dev.bizo.testkit.internal.SharedRedis;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestDatabase} and {@link TestRedis} parameters, one of each per test class, created
 * on first use and released when the class finishes. Use it through {@link RealServices}.
 */
public final class RealServicesExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealServicesExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestDatabase.class || type == TestRedis.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    ExtensionContext.Store store = classContext.getStore(NS);
    Class<?> type = parameter.getParameter().getType();
    try {
      if (type == TestDatabase.class) {
        return store
            .getOrComputeIfAbsent("database", k -> new DatabaseResource(SharedPostgres.get().createDatabase()), DatabaseResource.class)
            .database;
      }
      return store
          .getOrComputeIfAbsent("redis", k -> new RedisResource(SharedRedis.get().lease()), RedisResource.class)
          .redis;
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("Cannot start a real " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Walks up from a method's context to its class's, so every method of a class shares one resource. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private record DatabaseResource(TestDatabase database) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      SharedPostgres.get().dropDatabase(database);
    }
  }

  private record RedisResource(TestRedis redis) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      SharedRedis.get().release(redis);
    }
  }
}
