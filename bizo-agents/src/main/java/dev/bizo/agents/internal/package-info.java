/** Implementation: the model loop with tool calling and output repair, agent behaviours, run recording. */
package dev.bizo.agents.internal;
