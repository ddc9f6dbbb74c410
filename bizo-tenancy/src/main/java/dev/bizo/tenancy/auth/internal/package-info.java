/** Implementation of authentication storage and throttling; not API. */
package dev.bizo.tenancy.auth.internal;
