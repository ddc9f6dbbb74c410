package dev.bizo.platform.internal;

import dev.bizo.core.ConfigurationException;
import dev.bizo.tenancy.MasterKeyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key of the embedded default ({@code Bizo.builder().embedded(dir)} without a key): 32 random bytes,
 * base64, in a file only its owner may read or write. Created on first start and read on every later one, so tenant
 * secrets stay readable across restarts. Not for production: the key sits next to the data it protects. The error
 * codes keep the {@code server.} prefix they had when the reference server owned this class, since operators match
 * on them.
 */
public final class GeneratedMasterKey {

  /** The file name under the data directory ({@code BIZO_DATA_DIR} for the reference server). */
  public static final String FILE_NAME = "master.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private static final Logger LOG = LoggerFactory.getLogger("dev.bizo.platform.Bizo");

  private GeneratedMasterKey() {}

  /**
   * The keyring over the key in {@code dataDir}, generated first if absent, with a warning in the log that it is not
   * for production.
   *
   * @throws ConfigurationException as {@link #loadOrCreate}
   */
  public static MasterKeyring keyring(Path dataDir) {
    String key = loadOrCreate(dataDir);
    LOG.warn("Master key: generated on first start, read from " + dataDir.resolve(FILE_NAME)
        + " (owner-only permissions). NOT FOR PRODUCTION: set BIZO_MASTER_KEY and keep it away from the data");
    return MasterKeyring.of(Base64.getDecoder().decode(key));
  }

  /**
   * The base64 key stored in {@code dataDir}, generated first if absent.
   *
   * @throws ConfigurationException when the file cannot be written or read, is not a 32-byte key, or
   *     can be read by others than its owner
   */
  public static String loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (Files.notExists(file)) {
        create(file);
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new ConfigurationException(
            "server.master_key_file_exposed",
            file + " must be readable by its owner only (chmod 600), has " + PosixFilePermissions.toString(permissions));
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
      byte[] bytes = decode(key, file);
      if (bytes.length != 32) {
        throw new ConfigurationException("server.master_key_file_invalid", file + " does not hold 32 bytes of base64");
      }
      return key;
    } catch (IOException e) {
      throw new ConfigurationException("server.master_key_file_unusable", "Cannot use " + file + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      // Created with owner-only permissions from the start: never world-readable, not even briefly.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
  }

  private static byte[] decode(String key, Path file) {
    try {
      return Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("server.master_key_file_invalid", file + " is not base64", e);
    }
  }
}
