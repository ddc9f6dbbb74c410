/**
 * The finishing pass over the {@code /openapi} document WildFly generates from the resources: one stable
 * {@code operationId} per operation, the problem+json error responses each operation can give, and no empty
 * objects a strict validator would refuse, so that clients generated from the document are usable.
 * {@link dev.bizo.server.openapi.ApiDocumentFilter} is registered as {@code mp.openapi.filter} in
 * {@code META-INF/microprofile-config.properties}.
 */
package dev.bizo.server.openapi;
