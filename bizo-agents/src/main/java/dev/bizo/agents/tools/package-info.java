/** Real tools the agents use: the jsoup SEO analyser and the SSRF-guarded page fetcher. */
package dev.bizo.agents.tools;
