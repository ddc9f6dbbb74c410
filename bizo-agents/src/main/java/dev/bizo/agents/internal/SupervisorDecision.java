package dev.bizo.agents.internal;

/**
 * A supervisor's routing choice.
 *
 * @param next a member's id, or DONE
 * @param instruction what the member should do
 */
public record SupervisorDecision(String next, String instruction) {}
