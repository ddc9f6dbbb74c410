/** Crews: sequential, parallel and supervised teams of agents, and the built-in campaign crew. */
package dev.bizo.agents.crew;
