/**
 * Domain events and the transactional outbox: {@link dev.bizo.core.events.Outbox#append} writes a
 * {@link dev.bizo.core.events.DomainEvent} with the caller's own connection, in the caller's transaction, so
 * an event exists if and only if its change committed. Delivery (outbound webhooks, live streams) reads the
 * {@code bizo_outbox} table afterwards, at least once. The table is under row-level security like every
 * tenant table: the connection must be in a transaction scoped to the event's tenant.
 */
package dev.bizo.core.events;
