package dev.bizo.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every API request as {@code bizo_http_requests} tagged with method, route template (never the
 * raw path, which would carry ids) and status, so Prometheus gets rate and latency per route.
 */
@Provider
@PreMatching
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 200)
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  /** Route tag of requests that matched no resource. */
  static final String UNMATCHED = "UNMATCHED";

  private static final String SAMPLE = RequestMetrics.class.getName() + ".sample";

  @Inject MeterRegistry registry;

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<Map.Entry<Class<?>, Method>, String> routes = new ConcurrentHashMap<>();

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    // A plain start time, not Timer.start(registry): WildFly's registry answers config() with a logged
    // "not supported" message on every call, a measurable share of a request's CPU under load.
    request.setProperty(SAMPLE, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object started = request.getProperty(SAMPLE);
    if (!(started instanceof Long)) {
      return; // refused before the request filter ran
    }
    String method = request.getMethod();
    String route = route();
    String status = Integer.toString(response.getStatus());
    // One lookup per distinct (method, route template, status): finite, and far cheaper than the registry's.
    // registry.timer(...), not Timer.builder(...).register(...): WildFly's per-deployment registry
    // forwards only the former to the registry that Prometheus scrapes.
    Timer timer = timers.computeIfAbsent(method + ' ' + route + ' ' + status,
        k -> registry.timer("bizo.http.requests", Tags.of("method", method, "route", route, "status", status)));
    timer.record(System.nanoTime() - (Long) started, TimeUnit.NANOSECONDS);
  }

  private String route() {
    Class<?> type = resource == null ? null : resource.getResourceClass();
    Method method = resource == null ? null : resource.getResourceMethod();
    if (type == null || method == null) {
      return UNMATCHED;
    }
    return routes.computeIfAbsent(Map.entry(type, method),
        k -> RouteTemplate.of(type.getAnnotation(Path.class), method.getAnnotation(Path.class)));
  }
}
