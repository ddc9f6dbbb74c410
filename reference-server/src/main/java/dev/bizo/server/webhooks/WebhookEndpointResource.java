package dev.bizo.server.webhooks;

import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.api.RequestBodies;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.tenancy.Permission;
import dev.bizo.webhooks.DeliveryAttempt;
import dev.bizo.webhooks.EndpointRegistration;
import dev.bizo.webhooks.RegisteredEndpoint;
import dev.bizo.webhooks.WebhookDeliveryId;
import dev.bizo.webhooks.WebhookDeliveryRecord;
import dev.bizo.webhooks.WebhookEndpointId;
import dev.bizo.webhooks.WebhookEndpointInfo;
import dev.bizo.webhooks.WebhookEndpoints;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Where the tenant's domain events (lead.created, payment.succeeded, ...) are sent, signed per Standard
 * Webhooks with the endpoint's {@code whsec_} secret, which is shown once, at registration.
 */
@Path("/webhook-endpoints")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class WebhookEndpointResource {

  /**
   * An endpoint to register.
   *
   * @param url where to POST events (http or https)
   * @param eventTypes the event types to receive; empty means all
   * @param staticHeaderName an extra header sent with every request, e.g. for n8n's header auth
   * @param staticHeaderValue its value; stored encrypted
   */
  public record EndpointRequest(String url, List<String> eventTypes, String staticHeaderName, String staticHeaderValue) {}

  /**
   * An endpoint.
   *
   * @param id the endpoint id
   * @param url where events go
   * @param eventTypes what it receives; empty means all
   * @param staticHeaderName the extra header's name, if any
   * @param enabled whether deliveries are made
   * @param disabledReason why not
   * @param createdAt when registered
   */
  public record EndpointView(
      String id, String url, List<String> eventTypes, String staticHeaderName, boolean enabled, String disabledReason, String createdAt) {
    static EndpointView of(WebhookEndpointInfo e) {
      return new EndpointView(
          e.id().toString(), e.url().toString(), e.eventTypes().stream().sorted().toList(), e.staticHeaderName().orElse(null),
          e.enabled(), e.disabledReason().orElse(null), e.createdAt().toString());
    }
  }

  /**
   * A new endpoint and its signing secret, shown only here.
   *
   * @param endpoint the endpoint
   * @param secret the {@code whsec_} secret to verify signatures with
   */
  public record RegisteredView(EndpointView endpoint, String secret) {}

  /**
   * One attempt.
   *
   * @param number 1 for the first
   * @param at when
   * @param status the HTTP status received
   * @param error the network error, if no status
   * @param verdict {@code SUCCESS}, {@code RETRY}, {@code FAIL}, ...
   * @param durationMillis how long it took
   */
  public record AttemptView(int number, String at, Integer status, String error, String verdict, long durationMillis) {
    static AttemptView of(DeliveryAttempt a) {
      return new AttemptView(
          a.number(), a.at().toString(), a.response().status().isPresent() ? a.response().status().getAsInt() : null,
          a.response().error().orElse(null), a.verdict().name(), a.response().duration().toMillis());
    }
  }

  /**
   * One event's delivery to an endpoint.
   *
   * @param id the delivery id
   * @param endpointId the endpoint
   * @param eventId the event id (the {@code webhook-id} header)
   * @param eventType the event type
   * @param status {@code PENDING}, {@code DELIVERED}, {@code FAILED} or {@code ENDPOINT_DISABLED}
   * @param attempts every attempt
   * @param nextAttemptAt when the next attempt is due
   * @param createdAt when created
   */
  public record DeliveryView(
      String id, String endpointId, String eventId, String eventType, String status, List<AttemptView> attempts, String nextAttemptAt,
      String createdAt) {
    static DeliveryView of(WebhookDeliveryRecord d) {
      return new DeliveryView(
          d.id().toString(), d.endpointId().toString(), d.eventId().toString(), d.eventType(), d.status().name(),
          d.attempts().stream().map(AttemptView::of).toList(), d.nextAttemptAt().map(Instant::toString).orElse(null),
          d.createdAt().toString());
    }
  }

  @Inject Caller caller;
  @Inject WebhookEndpoints webhooks;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register an endpoint (admin; 201); the signing secret is returned once")
  public Response register(EndpointRequest body) {
    EndpointRequest request = RequestBodies.require(body);
    new RequestBodies.Fields().required("url", request.url()).check();
    URI url;
    try {
      url = URI.create(request.url());
    } catch (IllegalArgumentException e) {
      throw ValidationException.ofField("url", "invalid_url", "Not a URL");
    }
    EndpointRegistration registration = new EndpointRegistration(
        url, Set.copyOf(request.eventTypes() == null ? List.of() : request.eventTypes()), java.util.Optional.empty());
    if (request.staticHeaderName() != null || request.staticHeaderValue() != null) {
      new RequestBodies.Fields()
          .required("staticHeaderName", request.staticHeaderName())
          .required("staticHeaderValue", request.staticHeaderValue())
          .check();
      registration = registration.withStaticHeader(request.staticHeaderName(), request.staticHeaderValue());
    }
    RegisteredEndpoint registered = webhooks.register(caller.actingFor(Permission.SECRETS_MANAGE), registration);
    return Response.created(URI.create("/api/v1/webhook-endpoints/" + registered.endpoint().id()))
        .entity(new RegisteredView(EndpointView.of(registered.endpoint()), registered.secret().encoded()))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tenant's endpoints, without secrets")
  public List<EndpointView> list() {
    return webhooks.list(caller.actingFor(Permission.DATA_READ)).stream().map(EndpointView::of).toList();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One endpoint; 404 webhook_endpoint.not_found, also for other tenants' endpoints")
  public EndpointView get(@PathParam("id") String id) {
    return webhooks.find(caller.actingFor(Permission.DATA_READ), endpointId(id))
        .map(EndpointView::of)
        .orElseThrow(() -> NotFoundException.of("webhook_endpoint", id));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Stop delivering to an endpoint (admin; 204); its delivery log stays readable")
  public Response disable(@PathParam("id") String id) {
    webhooks.disable(caller.actingFor(Permission.SECRETS_MANAGE), endpointId(id));
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/deliveries")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "An endpoint's deliveries, newest first, with every attempt")
  public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
    int max = limit == null ? 50 : limit;
    if (max < 1 || max > 200) {
      throw ValidationException.ofField("limit", "out_of_range", "1 to 200");
    }
    WebhookEndpointId endpoint = endpointId(id);
    webhooks.find(caller.actingFor(Permission.DATA_READ), endpoint).orElseThrow(() -> NotFoundException.of("webhook_endpoint", id));
    return webhooks.deliveries(caller.actingFor(Permission.DATA_READ), endpoint, max).stream().map(DeliveryView::of).toList();
  }

  @POST
  @Path("/{id}/deliveries/{deliveryId}/redeliver")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a delivery again at the next delivery run, whatever its state")
  public DeliveryView redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
    WebhookEndpointId endpoint = endpointId(id);
    WebhookDeliveryId delivery;
    try {
      delivery = WebhookDeliveryId.parse(deliveryId);
    } catch (RuntimeException e) {
      throw NotFoundException.of("webhook_delivery", deliveryId);
    }
    webhooks.delivery(caller.actingFor(Permission.DATA_READ), delivery)
        .filter(d -> d.endpointId().equals(endpoint))
        .orElseThrow(() -> NotFoundException.of("webhook_delivery", deliveryId));
    return DeliveryView.of(webhooks.redeliver(caller.actingFor(Permission.DATA_WRITE), delivery));
  }

  private static WebhookEndpointId endpointId(String id) {
    try {
      return WebhookEndpointId.parse(id);
    } catch (RuntimeException e) {
      throw NotFoundException.of("webhook_endpoint", id);
    }
  }
}
