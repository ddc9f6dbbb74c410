package dev.bizo.core;

import java.util.UUID;

/**
 * An identifier with a type, so a lead id can never be passed where a tenant id is expected. Values
 * are UUIDv7: time-ordered, so they index well in B-trees.
 */
public interface TypedId {

  /** The raw UUID. */
  UUID value();
}
