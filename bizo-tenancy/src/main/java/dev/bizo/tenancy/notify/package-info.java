/**
 * PostgreSQL {@code LISTEN/NOTIFY} for the SDK: {@link dev.bizo.tenancy.notify.DatabaseNotifications} keeps one
 * dedicated connection listening on the channels that subscribers name and hands each notification's payload
 * to them, reconnecting with backoff when the connection is lost.
 *
 * <p>Notifications are a wake-up, never the data: a payload carries an id (e.g. a tenant id), subscribers read
 * the rows themselves, and every use keeps a polling path as its safety net, because notifications sent while
 * the listener was disconnected are gone.
 */
package dev.bizo.tenancy.notify;
