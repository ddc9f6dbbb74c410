package dev.bizo.tenancy.auth;

/**
 * Cost parameters of Argon2id password hashing.
 *
 * <p>Changing them does not invalidate stored hashes: each hash records the parameters it was made
 * with, {@link PasswordHasher#needsRehash(String)} notices the difference, and the next successful
 * login stores a new hash.
 *
 * @param memoryKib memory cost in KiB (at least 8 × parallelism, at most 1 GiB)
 * @param iterations time cost, at least 1
 * @param parallelism lanes, 1 to 16
 * @param saltLength salt bytes, 16 to 64
 * @param hashLength output bytes, 16 to 64
 */
public record Argon2Settings(int memoryKib, int iterations, int parallelism, int saltLength, int hashLength) {

  /** Upper bound on memory, also applied to stored hashes so a tampered hash cannot exhaust memory. */
  public static final int MAX_MEMORY_KIB = 1 << 20;

  public Argon2Settings {
    if (parallelism < 1 || parallelism > 16) {
      throw new IllegalArgumentException("parallelism must be 1..16: " + parallelism);
    }
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("memoryKib must be 8*parallelism.." + MAX_MEMORY_KIB + ": " + memoryKib);
    }
    if (iterations < 1 || iterations > 100) {
      throw new IllegalArgumentException("iterations must be 1..100: " + iterations);
    }
    if (saltLength < 16 || saltLength > 64) {
      throw new IllegalArgumentException("saltLength must be 16..64: " + saltLength);
    }
    if (hashLength < 16 || hashLength > 64) {
      throw new IllegalArgumentException("hashLength must be 16..64: " + hashLength);
    }
  }

  /** The OWASP baseline for Argon2id: 19 MiB, 2 iterations, 1 lane, 16-byte salt, 32-byte hash. */
  public static Argon2Settings recommended() {
    return new Argon2Settings(19 * 1024, 2, 1, 16, 32);
  }

  /** The same settings with another memory cost. */
  public Argon2Settings withMemoryKib(int kib) {
    return new Argon2Settings(kib, iterations, parallelism, saltLength, hashLength);
  }

  /** The same settings with another iteration count. */
  public Argon2Settings withIterations(int count) {
    return new Argon2Settings(memoryKib, count, parallelism, saltLength, hashLength);
  }

  /** The same settings with another parallelism. */
  public Argon2Settings withParallelism(int lanes) {
    return new Argon2Settings(memoryKib, iterations, lanes, saltLength, hashLength);
  }
}
