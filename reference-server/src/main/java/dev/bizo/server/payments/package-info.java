/**
 * The payments' REST resources and wiring in the server. {@link dev.bizo.server.payments.PaymentWiring} builds the
 * {@link dev.bizo.payments.PaymentService} over every gateway on the class path, with each tenant's credentials
 * read from its encrypted tenant secrets and the simulator as the default gateway unless configured otherwise.
 *
 * <p>The resources: the tenant's payments ({@link dev.bizo.server.payments.PaymentResource}; every money-moving
 * call needs an {@code Idempotency-Key}), the installed gateways and the tenant's write-only credentials for them
 * ({@link dev.bizo.server.payments.GatewayResource}), and the endpoint gateways send their webhooks to
 * ({@link dev.bizo.server.payments.PaymentWebhookResource}), where the gateway's signature over the raw body is the
 * credential. {@link dev.bizo.server.payments.PaymentViews} holds the JSON shapes, amounts always in minor units.
 */
package dev.bizo.server.payments;
