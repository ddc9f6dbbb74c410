/**
 * Contract tests for the webhooks SPI, published in bizo-webhooks' test jar:
 * {@link dev.bizo.webhooks.tck.WebhookTransportContract} for every {@link dev.bizo.webhooks.spi.WebhookTransport}.
 */
package dev.bizo.webhooks.tck;
