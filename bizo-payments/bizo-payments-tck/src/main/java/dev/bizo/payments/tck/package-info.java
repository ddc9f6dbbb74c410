/**
 * The payment gateway TCK: extend {@link dev.bizo.payments.tck.PaymentGatewayContractTest} in a gateway
 * module's tests and implement its hooks; it covers money paths, idempotency forwarding, currencies, faults
 * (timeout, HTTP 500, connection reset, refused) and webhook verification.
 */
package dev.bizo.payments.tck;
