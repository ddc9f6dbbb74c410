/**
 * The PayPal payment gateway: {@link dev.bizo.payments.paypal.PayPalGateway}, on paypal-server-sdk's
 * Orders v2 and Payments v2 APIs, registered for core's {@code Providers} through {@code META-INF/services}.
 */
package dev.bizo.payments.paypal;
