package dev.bizo.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API, version 1. Resources and providers are discovered from this WAR. */
@ApplicationPath("/api/v1")
@SecurityScheme(
    securitySchemeName = BizoApplication.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT access token or bz_live_ API key")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Bizo API",
            version = "v1",
            description = "Tenants, payments, CRM and agents. Errors are RFC 9457 application/problem+json with a stable code."))
public class BizoApplication extends Application {

  /** Name of the security scheme every non-public operation requires in the OpenAPI document. */
  public static final String BEARER = "bearer";
}
