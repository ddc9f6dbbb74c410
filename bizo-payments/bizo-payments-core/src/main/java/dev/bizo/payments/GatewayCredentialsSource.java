package dev.bizo.payments;

import dev.bizo.core.TenantId;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.tenancy.SecretInfo;
import dev.bizo.tenancy.TenantSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link PaymentService} gets a tenant's gateway credentials, just in time for each gateway call.
 * Credentials are never stored by the payment tables.
 */
@FunctionalInterface
public interface GatewayCredentialsSource {

  /**
   * The tenant's credentials for a gateway; {@link GatewayCredentials#none()} when the tenant configured none
   * (the simulator needs none).
   */
  GatewayCredentials credentials(TenantId tenant, String gatewayId);

  /**
   * Credentials kept as encrypted tenant secrets named {@code payments.<gateway>.<credential>}, e.g.
   * {@code payments.stripe.api_key}; decrypted on each call.
   */
  static GatewayCredentialsSource fromTenantSecrets(TenantSecrets secrets) {
    Objects.requireNonNull(secrets, "secrets");
    return (tenant, gatewayId) -> {
      String prefix = "payments." + gatewayId + ".";
      Map<String, String> values = new LinkedHashMap<>();
      for (SecretInfo info : secrets.list(tenant)) {
        if (info.name().startsWith(prefix)) {
          secrets.find(tenant, info.name())
              .ifPresent(value -> values.put(info.name().substring(prefix.length()), value.reveal()));
        }
      }
      return values.isEmpty() ? GatewayCredentials.none() : GatewayCredentials.of(values);
    };
  }
}
