/**
 * The server's wiring of the tenancy services every capability shares ({@link
 * dev.bizo.server.tenancy.TenancyWiring}): the audit log, users, tenants and tenant secrets.
 */
package dev.bizo.server.tenancy;
