/**
 * For plugin authors: {@link dev.bizo.crm.scoring.spi.LeadScorer} scores a lead from 0 to 100 and explains the
 * score. Implementations are pure and thread-safe, never read the lead's status, and return contributions that
 * add up to the score. Register them with {@link dev.bizo.core.Providers}, keyed by their id, and run them
 * against the {@code LeadScorerContract} test in the {@code bizo-crm} test jar. The shipped scorers are in
 * {@link dev.bizo.crm.scoring}.
 */
package dev.bizo.crm.scoring.spi;
