package dev.bizo.core.cache;

/**
 * Turns cache values into text and back, for caches that leave the JVM (Redis). Local caches keep the
 * objects themselves and never call it.
 *
 * @param <V> the value type
 */
public interface CacheCodec<V> {

  String encode(V value);

  V decode(String encoded);

  /** The identity codec for text values. */
  static CacheCodec<String> text() {
    return new CacheCodec<>() {
      @Override
      public String encode(String value) {
        return value;
      }

      @Override
      public String decode(String encoded) {
        return encoded;
      }
    };
  }
}
