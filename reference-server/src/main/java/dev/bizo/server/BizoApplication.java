package dev.bizo.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, version 1. Resources and providers are discovered from this WAR. The OpenAPI document's info
 * (title, version, description, licence) is in {@code META-INF/microprofile-config.properties}, where an operator
 * can override it through the environment, and {@code dev.bizo.server.openapi.ApiDocumentFilter} completes the
 * document.
 */
@ApplicationPath("/api/v1")
@SecurityScheme(
    securitySchemeName = BizoApplication.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT access token or bz_live_ API key")
public class BizoApplication extends Application {

  /** Name of the security scheme every non-public operation requires in the OpenAPI document. */
  public static final String BEARER = "bearer";
}
