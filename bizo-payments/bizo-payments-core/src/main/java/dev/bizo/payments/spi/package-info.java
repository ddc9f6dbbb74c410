/**
 * The payment gateway plugin SPI: implement {@link dev.bizo.payments.spi.PaymentGateway}, prove it with the
 * {@code bizo-payments-tck} contract tests, and register it through {@code META-INF/services}.
 *
 * <p>Start with {@link dev.bizo.payments.spi.PaymentGateway}: its class description is the contract.
 * Requests carry {@link dev.bizo.payments.spi.GatewayCredentials} and an
 * {@link dev.bizo.payments.spi.IdempotencyKey}; results are {@link dev.bizo.payments.spi.GatewayResult}s;
 * a request that never left is a {@link dev.bizo.payments.spi.GatewayUnreachableException}. Every gateway is
 * built the same way, by a {@link dev.bizo.payments.spi.GatewayBuilder} holding its
 * {@link dev.bizo.payments.spi.GatewaySettings}; a gateway on {@code java.net.http} talks through a
 * {@link dev.bizo.payments.spi.GatewayHttpClient}, which sorts failures into UNKNOWN and unreachable. Webhook
 * helpers: {@link dev.bizo.payments.spi.HmacSignature}, {@link dev.bizo.payments.spi.TimestampTolerance},
 * {@link dev.bizo.payments.spi.TimestampedSignatureScheme}.
 */
package dev.bizo.payments.spi;
