/**
 * The Stripe payment gateway: {@link dev.bizo.payments.stripe.StripeGateway}, registered for core's
 * {@code Providers} through {@code META-INF/services}.
 */
package dev.bizo.payments.stripe;
