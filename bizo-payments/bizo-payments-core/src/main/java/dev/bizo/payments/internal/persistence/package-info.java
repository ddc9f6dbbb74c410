/** JDBC persistence of payments, idempotency records and webhook events, inside bizo-tenancy transactions. */
package dev.bizo.payments.internal.persistence;
