package dev.bizo.server.api;

import dev.bizo.core.ValidationException;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.AuditEntry;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.AuditPage;
import dev.bizo.tenancy.AuditQuery;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The caller's tenant's audit log, newest first, in cursor pages. Only the tenant's own entries exist here. */
@Path("/audit-events")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class AuditResource {

  /**
   * One audit entry.
   *
   * @param id the entry id
   * @param occurredAt when it happened (ISO-8601)
   * @param actor who acted: a user id, an API key id or {@code system}
   * @param action what happened, e.g. {@code user.role_changed}
   * @param target what it happened to, or {@code null}
   * @param detail a short description, or {@code null}
   */
  public record AuditEventView(String id, String occurredAt, String actor, String action, String target, String detail) {

    static AuditEventView of(AuditEntry entry) {
      return new AuditEventView(entry.id().toString(), entry.occurredAt().toString(), entry.actor(), entry.action(),
          entry.target().orElse(null), entry.detail().orElse(null));
    }
  }

  /**
   * A page of audit entries.
   *
   * @param items the entries, newest first
   * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
   */
  public record AuditPageView(List<AuditEventView> items, String nextCursor) {}

  @Inject Caller caller;
  @Inject AuditLog auditLog;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "listAuditEvents", summary = "Page the tenant's audit log, newest first (audit:read): limit (1-1000, default 50), cursor, "
      + "actor, action, from/to (ISO-8601; from inclusive, to exclusive)")
  @Requires(Permission.AUDIT_READ)
  public AuditPageView list(
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    AuditQuery.Builder query = AuditQuery.builder().cursor(cursor).actor(actor).action(action);
    if (limit != null && !limit.isBlank()) {
      query.limit(integer("limit", limit));
    }
    InstantParameters.parse("from", from).ifPresent(query::from);
    InstantParameters.parse("to", to).ifPresent(query::to);
    // @Requires checked the permission: a user's role or an API key's audit:read scope
    AuditPage page = auditLog.page(caller.tenant(), query.build());
    return new AuditPageView(page.entries().stream().map(AuditEventView::of).toList(), page.nextCursor().orElse(null));
  }

  private static int integer(String field, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw ValidationException.ofField(field, "tenancy.limit_invalid", "1 to 1000");
    }
  }
}
