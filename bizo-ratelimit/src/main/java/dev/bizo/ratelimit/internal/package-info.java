/** Where the token buckets live (in process or in Redis); not API. */
package dev.bizo.ratelimit.internal;
