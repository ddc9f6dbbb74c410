package dev.bizo.server.payments;

import dev.bizo.core.NotFoundException;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.WebhookOutcome;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.server.auth.Public;
import dev.bizo.tenancy.Tenant;
import dev.bizo.tenancy.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where gateways send their webhooks: no bearer token, the gateway's signature over the raw body is the
 * credential, checked with the tenant's own webhook secret before anything is read or stored. A bad
 * signature is 400 {@code webhook.signature_invalid}; an unknown tenant or gateway is 404.
 */
@Path("/webhooks")
@Public
@RequestScoped
public class PaymentWebhookResource {

  /**
   * What the webhook did.
   *
   * @param outcome {@code APPLIED}, {@code NO_CHANGE}, {@code IGNORED} or {@code DUPLICATE}
   */
  public record WebhookReceipt(String outcome) {}

  @Inject PaymentService payments;
  @Inject Tenants tenants;
  @Context HttpHeaders headers;

  @POST
  @Path("/{gateway}/{tenantSlug}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Receive a gateway webhook for a tenant (public; signature-verified raw body)")
  public WebhookReceipt receive(@PathParam("gateway") String gateway, @PathParam("tenantSlug") String slug, byte[] body) {
    Tenant tenant = tenants.findBySlug(slug).orElseThrow(() -> NotFoundException.of("tenant", slug));
    WebhookOutcome outcome =
        payments.handleWebhook(gateway, tenant.id(), body == null ? new byte[0] : body, ReceivedHeaders.ofMulti(headers.getRequestHeaders()));
    return new WebhookReceipt(outcome.name());
  }
}
