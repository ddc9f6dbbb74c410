package dev.bizo.server.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method or class that needs no credential (signup, login, token refresh, JWKS).
 * Everything else under {@code /api/v1} requires a bearer token or API key: forgetting an annotation
 * closes an endpoint, it never opens one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {}
