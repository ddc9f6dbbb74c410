/** Run traces (steps, tool calls, tokens, cost, status), limits, price tables and progress events. */
package dev.bizo.agents.trace;
