/**
 * Implementation of the embedded default database: finding and stopping a PostgreSQL left running on a data
 * directory by a process that was killed. Not API.
 */
package dev.bizo.embedded.internal;
