/**
 * The webhooks module's service-provider interface: {@link dev.bizo.webhooks.spi.WebhookTransport}, the one
 * request of one delivery attempt. Implementations extend {@code WebhookTransportContract} from bizo-webhooks'
 * test jar.
 */
package dev.bizo.webhooks.spi;
