package dev.bizo.server.events;

import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Server-sent events for the caller's tenant. */
@Path("/events")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class EventResource {

  @Inject Caller caller;
  @Inject EventHub hub;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Live events of this tenant (SSE): ready, lead.*, payment.*, run.progress, health")
  @Requires(Permission.DATA_READ)
  public void events(@Context SseEventSink sink, @Context Sse sse) {
    hub.subscribe(caller.tenant(), sink, sse);
  }
}
