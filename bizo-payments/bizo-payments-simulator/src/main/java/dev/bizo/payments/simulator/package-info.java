/**
 * The simulator payment gateway ({@link dev.bizo.payments.simulator.SimulatorGateway}, id {@code simulator}):
 * deterministic test cards ({@link dev.bizo.payments.simulator.SimulatorCards}), honoured idempotency keys,
 * simulated faults that settle through {@code fetchStatus}, and signed webhooks. Moves no money.
 */
package dev.bizo.payments.simulator;
