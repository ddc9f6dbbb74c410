/**
 * An example lead-scoring plugin: {@link dev.bizo.examples.scorer.B2bFitScorer} implements
 * {@link dev.bizo.crm.scoring.spi.LeadScorer} in plain Java instead of the CRM's rule language, explains every
 * point it gives, stays pure and thread-safe and never reads the lead's status, as the SPI asks. It is
 * registered in {@code META-INF/services}.
 */
package dev.bizo.examples.scorer;
