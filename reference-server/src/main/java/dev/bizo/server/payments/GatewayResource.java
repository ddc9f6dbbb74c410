package dev.bizo.server.payments;

import dev.bizo.core.NotFoundException;
import dev.bizo.core.Providers;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.server.payments.PaymentViews.CapabilitiesView;
import dev.bizo.server.payments.PaymentViews.GatewayView;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.SecretInfo;
import dev.bizo.tenancy.SecretValue;
import dev.bizo.tenancy.TenantSecrets;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The installed payment gateways, and each tenant's credentials for them. Credentials are write-only:
 * stored encrypted as tenant secrets {@code payments.<gateway>.<name>}, and never returned.
 */
@Path("/gateways")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class GatewayResource {

  private static final Pattern CREDENTIAL_NAME = Pattern.compile("[a-z0-9_]{1,60}");

  @Inject Caller caller;
  @Inject Providers<PaymentGateway> gateways;
  @Inject TenantSecrets secrets;
  @Inject AuditLog auditLog;
  @Inject PaymentWiring wiring;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Installed gateways: id, capabilities, whether configured for this tenant, simulator flag")
  @Requires(Permission.DATA_READ)
  public List<GatewayView> list() {
    List<SecretInfo> stored = secrets.list(caller.tenant());
    return gateways.all().stream()
        .sorted(Comparator.comparing(PaymentGateway::id))
        .map(g -> view(g, stored))
        .toList();
  }

  @PUT
  @Path("/{id}/credentials")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Store or replace named credentials of a gateway for this tenant (admin; 204); never readable again")
  @Requires(Permission.SECRETS_MANAGE)
  public Response putCredentials(@PathParam("id") String id, Map<String, String> body) {
    PaymentGateway gateway = gateways.find(id).orElseThrow(() -> NotFoundException.of("gateway", id));
    if (body == null || body.isEmpty()) {
      throw new ValidationException("body_required", "A JSON object of credential names to values is required", List.of());
    }
    List<FieldError> errors = new ArrayList<>();
    body.forEach((name, value) -> {
      if (!CREDENTIAL_NAME.matcher(name).matches()) {
        errors.add(new FieldError(name, "invalid_name", "Credential names are lower-case letters, digits and _"));
      } else if (value == null || value.isBlank()) {
        errors.add(new FieldError(name, "required", "A credential value may not be empty"));
      }
    });
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    body.forEach((name, value) -> {
      String secret = prefix(gateway.id()) + name;
      secrets.put(caller.tenant(), secret, SecretValue.of(value));
      auditLog.append(caller.tenant(), caller.principal().subject(), "secret.stored", secret, null);
    });
    return Response.noContent().build();
  }

  private GatewayView view(PaymentGateway gateway, List<SecretInfo> stored) {
    String prefix = prefix(gateway.id());
    List<String> names = stored.stream()
        .map(SecretInfo::name)
        .filter(n -> n.startsWith(prefix))
        .map(n -> n.substring(prefix.length()))
        .sorted()
        .toList();
    boolean simulator = gateway.capabilities().simulator();
    return new GatewayView(
        gateway.id(), gateway.displayName(), simulator, simulator || !names.isEmpty(),
        gateway.id().equals(wiring.defaultGateway()), names, CapabilitiesView.of(gateway.capabilities()));
  }

  private static String prefix(String gatewayId) {
    return "payments." + gatewayId + ".";
  }
}
