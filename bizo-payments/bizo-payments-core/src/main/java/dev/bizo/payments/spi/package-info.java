/**
 * The payment gateway plugin SPI: implement {@link dev.bizo.payments.spi.PaymentGateway}, prove it with the
 * {@code bizo-payments-tck} contract tests, and register it through {@code META-INF/services}.
 *
 * <p>Start with {@link dev.bizo.payments.spi.PaymentGateway}: its class description is the contract.
 * Requests carry {@link dev.bizo.payments.spi.GatewayCredentials} and an
 * {@link dev.bizo.payments.spi.IdempotencyKey}; results are {@link dev.bizo.payments.spi.GatewayResult}s;
 * a request that never left is a {@link dev.bizo.payments.spi.GatewayUnreachableException}. Webhook
 * helpers: {@link dev.bizo.payments.spi.HmacSignature}, {@link dev.bizo.payments.spi.TimestampTolerance},
 * {@link dev.bizo.payments.spi.TimestampedSignatureScheme}.
 */
package dev.bizo.payments.spi;
