/**
 * One front door for applications that embed Bizo: {@link dev.bizo.platform.Bizo#builder()} chooses the database
 * (an existing PostgreSQL or the embedded one) and the capabilities on the class path, starts them wired as the
 * reference server wires them, and {@link dev.bizo.platform.Bizo#signUp} signs up a tenant in one call. Start with
 * {@link dev.bizo.platform.Bizo}.
 */
package dev.bizo.platform;
