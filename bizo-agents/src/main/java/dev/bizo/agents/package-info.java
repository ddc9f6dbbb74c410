/**
 * Five marketing agents on LangChain4j (strategist, content creator, SEO analyser, lead scorer, report
 * generator) with typed outputs and real tools, run through {@link dev.bizo.agents.AgentRuntime}, with a
 * deterministic offline mode when no model is configured.
 */
package dev.bizo.agents;
