/**
 * An example payment-gateway plugin for a fictional provider: {@link dev.example.acmepay.AcmePayGateway}
 * implements {@link dev.bizo.payments.spi.PaymentGateway} over Acme Pay's REST API, written against the
 * payments SPI only (no Bizo {@code internal} package), and is found through {@code META-INF/services}. It is
 * the worked example for plugin authors: copy it to bring another provider to Bizo, and run it against the
 * payments TCK as its tests do.
 */
package dev.example.acmepay;
