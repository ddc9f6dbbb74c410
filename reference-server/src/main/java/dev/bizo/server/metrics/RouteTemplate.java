package dev.bizo.server.metrics;

import jakarta.ws.rs.Path;

/** Joins class and method {@code @Path} values into the template a request matched, e.g. {@code /leads/{id}}. */
final class RouteTemplate {

  private RouteTemplate() {}

  static String of(Path typePath, Path methodPath) {
    String joined = "/" + trim(typePath) + "/" + trim(methodPath);
    String collapsed = joined.replaceAll("/+", "/");
    return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
  }

  private static String trim(Path path) {
    return path == null ? "" : path.value().strip();
  }
}
