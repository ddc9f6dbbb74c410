package dev.bizo.server.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every request and response body. Without a resolver RESTEasy builds a new
 * {@link Jsonb} per body, which looks its providers up through the deployment's class loader and
 * re-introspects each type: half of the CPU a lead creation took under load. {@link Jsonb} is thread-safe.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
