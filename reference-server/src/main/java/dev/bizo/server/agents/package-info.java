/**
 * The agents' REST resources and wiring in the server. {@link dev.bizo.server.agents.AgentWiring} builds the agent
 * runtime over the platform's CRM and payments (offline unless {@code BIZO_LLM_BASE_URL} names a model). The
 * resources run the marketing agents
 * ({@link dev.bizo.server.agents.AgentResource}) and crews ({@link dev.bizo.server.agents.CrewResource}) for the
 * caller's tenant over its own data, keep their traces readable ({@link dev.bizo.server.agents.AgentRunResource}),
 * and manage the tenant's brand notes; {@link dev.bizo.server.agents.AgentViews} holds
 * the JSON shapes.
 */
package dev.bizo.server.agents;
