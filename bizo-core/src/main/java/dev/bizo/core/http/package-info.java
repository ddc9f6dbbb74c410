/**
 * Outbound HTTP with {@code java.net.http}: {@link dev.bizo.core.http.OutboundHttp} picks the protocol version by
 * scheme so that no Bizo client offers the HTTP/2 cleartext upgrade ({@code Upgrade: h2c}) that Node servers with an
 * {@code upgrade} listener (n8n, for one) never answer, and {@link dev.bizo.core.http.SsrfGuard} decides whether a
 * URL given by a tenant or a model (webhook endpoints, fetched pages) may be reached at all.
 */
package dev.bizo.core.http;
