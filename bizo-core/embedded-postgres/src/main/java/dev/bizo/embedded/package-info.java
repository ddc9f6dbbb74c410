/**
 * The embedded default database: {@link dev.bizo.embedded.EmbeddedDatabase}, a real PostgreSQL over a data
 * directory kept between starts, for applications that configure no database of their own.
 */
package dev.bizo.embedded;
