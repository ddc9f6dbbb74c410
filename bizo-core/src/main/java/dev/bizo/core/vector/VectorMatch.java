package dev.bizo.core.vector;

import java.util.Objects;

/**
 * One search hit.
 *
 * @param key what matched
 * @param similarity cosine similarity with the query, from -1 to 1
 * @param <K> the key type
 */
public record VectorMatch<K>(K key, double similarity) {

  public VectorMatch {
    Objects.requireNonNull(key, "key");
  }
}
