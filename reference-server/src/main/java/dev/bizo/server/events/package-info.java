/**
 * Live server-sent events for the caller's tenant ({@code GET /events}, {@link dev.bizo.server.events.EventResource}).
 * {@link dev.bizo.server.events.EventHub} streams the tenant's domain events, tailed from core's outbox and only
 * for tenants with a listener, agent run progress ({@link dev.bizo.server.events.RunEvents}), and changes of the
 * server's health: every readiness check plus the webhook delivery backlog, evaluated every 5 seconds.
 */
package dev.bizo.server.events;
