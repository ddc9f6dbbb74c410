package dev.bizo.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/** Length-prefixed encoding of sorted fields, so no two different field sets share bytes before hashing. */
public final class CanonicalEncoding {

  private CanonicalEncoding() {}

  /**
   * The SHA-256 hex of {@code fields} in key order, each as {@code <len>:<name><len>:<value>}, with an
   * absent value as {@code -1:} so that it differs from an empty one.
   */
  public static String sha256Hex(SortedMap<String, String> fields) {
    StringBuilder canonical = new StringBuilder();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      append(canonical, field.getKey());
      append(canonical, field.getValue());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static void append(StringBuilder out, String value) {
    if (value == null) {
      out.append("-1:");
      return;
    }
    out.append(value.length()).append(':').append(value);
  }
}
