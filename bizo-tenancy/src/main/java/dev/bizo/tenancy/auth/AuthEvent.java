package dev.bizo.tenancy.auth;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A security event for the audit log.
 *
 * @param type what happened
 * @param at when
 * @param tenant the tenant concerned; empty when a login named a tenant that does not exist
 * @param actor who acted or was acted upon: a user id, an API key id, or for failed logins the
 *     e-mail that was tried
 * @param clientAddress the client's network address, when known
 * @param detail a short internal explanation (e.g. why a login failed); for the audit log only, never
 *     shown to the client
 */
public record AuthEvent(
    Type type, Instant at, Optional<TenantId> tenant, String actor, Optional<String> clientAddress, String detail) {

  /** Kinds of event. */
  public enum Type {
    /** A password login succeeded. */
    LOGIN_SUCCEEDED(false),
    /** A password login was refused. */
    LOGIN_FAILED(true),
    /** A client address was refused for too many failures. */
    LOGIN_ADDRESS_BLOCKED(true),
    /** A used refresh token was presented again: likely stolen; its whole family was revoked. */
    REFRESH_TOKEN_REUSED(true),
    /** A refresh token family was revoked by logout. */
    LOGGED_OUT(false),
    /** An API key was created. */
    API_KEY_CREATED(false),
    /** An API key was revoked. */
    API_KEY_REVOKED(false),
    /** A user's password was changed and their sessions revoked. */
    PASSWORD_CHANGED(false);

    private final boolean failure;

    Type(boolean failure) {
      this.failure = failure;
    }

    /** The audit-log action, e.g. {@code auth.login_failed}. */
    public String action() {
      return "auth." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the event records a refusal. */
    public boolean isFailure() {
      return failure;
    }
  }

  public AuthEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(detail, "detail");
  }
}
