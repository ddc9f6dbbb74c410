/**
 * The SQL behind webhook endpoints, outbox fan-out, claimed attempts and the delivery log. Not API: left out of
 * the Javadoc, and free to change with the tables' migrations.
 */
package dev.bizo.webhooks.internal;
