/**
 * The PayU India payment gateway: {@link dev.bizo.payments.payu.PayUGateway} over PayU's hosted checkout and
 * merchant postservice API with {@code java.net.http}, registered for core's {@code Providers} through
 * {@code META-INF/services}, and {@link dev.bizo.payments.payu.HostedCheckoutForm} to post the customer to PayU.
 */
package dev.bizo.payments.payu;
