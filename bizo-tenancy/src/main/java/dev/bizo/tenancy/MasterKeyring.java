package dev.bizo.tenancy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.config.BizoConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 master keys that seal per-tenant secrets: one current key, which seals everything new, and
 * any number of retired keys, kept only so older ciphertexts still open until {@link TenantSecrets#rotate()}
 * has re-sealed them.
 *
 * <p>A key's id is derived from the key itself (a short SHA-256 fingerprint), so ids need no configuration
 * and a wrong key can never be mistaken for the right one. The key bytes are never printed.
 */
public final class MasterKeyring {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String currentId;
  private final Map<String, SecretKey> keys;

  private MasterKeyring(List<byte[]> keysNewestFirst) {
    if (keysNewestFirst.isEmpty()) {
      throw new ConfigurationException("tenancy.master_key_missing", "A master keyring needs at least one key");
    }
    Map<String, SecretKey> byId = new LinkedHashMap<>();
    for (byte[] key : keysNewestFirst) {
      if (key.length != 32) {
        throw new ConfigurationException("tenancy.master_key_invalid", "A master key must be 32 bytes (AES-256), was " + key.length);
      }
      byId.putIfAbsent(fingerprint(key), new SecretKeySpec(key.clone(), "AES"));
    }
    this.currentId = byId.keySet().iterator().next();
    this.keys = Map.copyOf(byId);
  }

  /** A keyring with {@code current} for new secrets and {@code retired} keys for reading older ones. */
  public static MasterKeyring of(byte[] current, byte[]... retired) {
    List<byte[]> all = new ArrayList<>();
    all.add(Objects.requireNonNull(current, "current"));
    all.addAll(Arrays.asList(retired));
    return new MasterKeyring(all);
  }

  /**
   * Reads {@code bizo.master-key} (base64 of 32 bytes) and the optional comma-separated
   * {@code bizo.master-key-retired}.
   *
   * @throws ConfigurationException when the key is missing or not 32 bytes of base64
   */
  public static MasterKeyring fromConfig(BizoConfig config) {
    List<byte[]> all = new ArrayList<>();
    all.add(decode(config.require(TenancySettings.MASTER_KEY), TenancySettings.MASTER_KEY.key()));
    for (String retired : config.find(TenancySettings.MASTER_KEY_RETIRED).orElse("").split(",")) {
      if (!retired.isBlank()) {
        all.add(decode(retired.strip(), TenancySettings.MASTER_KEY_RETIRED.key()));
      }
    }
    return new MasterKeyring(all);
  }

  /** The id of the key that seals new secrets. */
  public String currentKeyId() {
    return currentId;
  }

  /** The key with {@code keyId}, if this keyring holds it. */
  Optional<SecretKey> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  SecretKey currentKey() {
    return keys.get(currentId);
  }

  /** A value sealed under one master key: the key's id, the GCM nonce and the ciphertext with its tag. */
  record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}

  /** Seals {@code plaintext} with AES-256-GCM under the current key, binding {@code aad} to it. */
  Sealed seal(byte[] aad, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, currentKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return new Sealed(currentId, nonce, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is mandatory in every JRE", e);
    }
  }

  /**
   * Opens what {@link #seal} produced.
   *
   * @param what names the secret in error messages
   * @throws ConfigurationException {@code tenancy.master_key_unknown} when the sealing key is not held
   * @throws NonRetriableException {@code tenancy.secret_corrupt} when authentication fails
   */
  byte[] open(Sealed sealed, byte[] aad, String what) {
    SecretKey key =
        key(sealed.keyId())
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "tenancy.master_key_unknown",
                        "Secret " + what + " is sealed under master key " + sealed.keyId()
                            + ", which is neither bizo.master-key nor in bizo.master-key-retired"));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new NonRetriableException(
          "tenancy.secret_corrupt", "Secret " + what + " failed authentication: tampered, or moved between owners", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is mandatory in every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKeyring[current=" + currentId + ", keys=" + keys.size() + "]";
  }

  private static byte[] decode(String base64, String setting) {
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("tenancy.master_key_invalid", setting + " is not base64", e);
    }
  }

  private static String fingerprint(byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("bizo-master-key-id:".getBytes(StandardCharsets.US_ASCII));
      return "mk-" + HexFormat.of().formatHex(sha.digest(key), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }
}
