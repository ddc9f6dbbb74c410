package dev.bizo.tenancy.auth;

import dev.bizo.core.NonRetriableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies passwords with Argon2id (Bouncy Castle), in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard Base64).
 *
 * <p>Passwords are normalised to Unicode NFKC and encoded as UTF-8 before hashing, so the same
 * password typed on different keyboards verifies. Verification compares in constant time. Thread-safe.
 */
public final class PasswordHasher {

  /** Code of the error for a stored hash this class cannot read. */
  public static final String BAD_HASH = "auth.bad_password_hash";

  private static final Pattern PHC =
      Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final Argon2Settings settings;
  private final SecureRandom random;

  /** A hasher with the given cost parameters. */
  public PasswordHasher(Argon2Settings settings) {
    this(settings, new SecureRandom());
  }

  PasswordHasher(Argon2Settings settings, SecureRandom random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The parameters new hashes are made with. */
  public Argon2Settings settings() {
    return settings;
  }

  /** A new PHC-encoded hash of {@code password} with a fresh random salt. */
  public String hash(String password) {
    Objects.requireNonNull(password, "password");
    byte[] salt = new byte[settings.saltLength()];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, settings.memoryKib(), settings.iterations(), settings.parallelism(), settings.hashLength());
    return encode(salt, hash);
  }

  /**
   * A hash in this hasher's settings that no password is known to match, made without hashing: random salt, random
   * hash bytes. Verifying a password against it costs what verifying against a real hash costs, which is what a
   * decoy for unknown users needs, while making one costs nothing (a real hash takes an Argon2 run).
   */
  public String decoy() {
    byte[] salt = new byte[settings.saltLength()];
    random.nextBytes(salt);
    byte[] hash = new byte[settings.hashLength()];
    random.nextBytes(hash);
    return encode(salt, hash);
  }

  private String encode(byte[] salt, byte[] hash) {
    return "$argon2id$v=19$m=" + settings.memoryKib() + ",t=" + settings.iterations() + ",p=" + settings.parallelism()
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * Whether {@code password} matches {@code encoded}, compared in constant time. The parameters are
   * read from the encoded hash, so hashes made with older settings still verify.
   *
   * @throws NonRetriableException with code {@value #BAD_HASH} when {@code encoded} is not
   *     an Argon2id PHC string this class can read (a data error, never a wrong password)
   */
  public boolean verify(String password, String encoded) {
    Objects.requireNonNull(password, "password");
    Parsed parsed = parse(encoded);
    byte[] actual = derive(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism, parsed.hash.length);
    return MessageDigest.isEqual(actual, parsed.hash);
  }

  /**
   * Whether {@code encoded} was made with parameters other than the current {@link #settings()}, so
   * the caller should store {@link #hash(String)} of the password it has just verified.
   */
  public boolean needsRehash(String encoded) {
    Parsed parsed = parse(encoded);
    return parsed.memoryKib != settings.memoryKib()
        || parsed.iterations != settings.iterations()
        || parsed.parallelism != settings.parallelism()
        || parsed.salt.length != settings.saltLength()
        || parsed.hash.length != settings.hashLength();
  }

  @Override
  public String toString() {
    return "PasswordHasher[argon2id " + settings + "]";
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }

  private static Parsed parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    Matcher m = PHC.matcher(encoded);
    if (!m.matches()) {
      throw badHash("not an Argon2id v19 PHC string");
    }
    try {
      int memory = Integer.parseInt(m.group(1));
      int iterations = Integer.parseInt(m.group(2));
      int parallelism = Integer.parseInt(m.group(3));
      byte[] salt = B64D.decode(m.group(4));
      byte[] hash = B64D.decode(m.group(5));
      // Validates the ranges, so a tampered hash cannot ask for unbounded memory or time.
      new Argon2Settings(memory, iterations, parallelism, Math.max(salt.length, 16), Math.max(hash.length, 16));
      if (salt.length < 8 || hash.length < 16) {
        throw badHash("salt or hash too short");
      }
      return new Parsed(memory, iterations, parallelism, salt, hash);
    } catch (IllegalArgumentException e) {
      throw new NonRetriableException(BAD_HASH, "Stored password hash is unreadable: " + e.getMessage(), e);
    }
  }

  private static NonRetriableException badHash(String why) {
    return new NonRetriableException(BAD_HASH, "Stored password hash is unreadable: " + why);
  }

  private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {}
}
