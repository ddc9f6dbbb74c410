/**
 * The Razorpay payment gateway: {@link dev.bizo.payments.razorpay.RazorpayGateway} over Razorpay's REST API,
 * registered for core's {@code Providers} through {@code META-INF/services}, and
 * {@link dev.bizo.payments.razorpay.CheckoutPayment} for Checkout's signed payment result.
 */
package dev.bizo.payments.razorpay;
