/**
 * Extension points of authentication: where credentials come from
 * ({@link dev.bizo.tenancy.auth.spi.CredentialStore}), how failed attempts are counted
 * ({@link dev.bizo.tenancy.auth.spi.AttemptCounter}) and where security events go
 * ({@link dev.bizo.tenancy.auth.spi.AuthAuditSink}).
 */
package dev.bizo.tenancy.auth.spi;
