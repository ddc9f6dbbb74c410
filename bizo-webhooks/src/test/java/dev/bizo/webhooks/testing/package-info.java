/**
 * Test fixtures for webhook senders and for code whose events end up as webhooks, published in bizo-webhooks'
 * test jar: {@link dev.bizo.webhooks.testing.LocalReceiver}, a real HTTP receiver on 127.0.0.1 that answers as
 * scripted, and {@link dev.bizo.webhooks.testing.StandardWebhooksVerifier}, a signature check written from the
 * Standard Webhooks specification that shares no code with the signer.
 */
package dev.bizo.webhooks.testing;
