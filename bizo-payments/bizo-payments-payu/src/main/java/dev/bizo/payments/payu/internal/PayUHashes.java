package dev.bizo.payments.payu.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * PayU's three SHA-512 hashes, as lower-case hex.
 *
 * <ul>
 *   <li><b>Request hash</b> on the hosted-checkout form:
 *       {@code key|txnid|amount|productinfo|firstname|email|udf1|udf2|udf3|udf4|udf5||||||SALT}.</li>
 *   <li><b>Reverse hash</b> on the response and callback PayU posts back:
 *       {@code SALT|status||||||udf5|udf4|udf3|udf2|udf1|email|firstname|productinfo|amount|txnid|key}, prefixed
 *       with {@code additionalCharges|} when PayU reports additional charges.</li>
 *   <li><b>Command hash</b> on the merchant postservice API: {@code key|command|var1|SALT}.</li>
 * </ul>
 *
 * Absent fields hash as empty strings, as PayU computes them.
 */
public final class PayUHashes {

  private PayUHashes() {}

  /** The hosted-checkout request hash over the form's {@code fields} (key, txnid, amount, …, udf1-udf5). */
  public static String request(Map<String, String> fields, String salt) {
    StringBuilder text = new StringBuilder();
    for (String name : new String[] {"key", "txnid", "amount", "productinfo", "firstname", "email",
        "udf1", "udf2", "udf3", "udf4", "udf5"}) {
      text.append(fields.getOrDefault(name, "")).append('|');
    }
    text.append("|||||").append(salt);
    return sha512(text.toString());
  }

  /** The reverse hash PayU puts in the {@code hash} field of the response or callback {@code fields}. */
  public static String reverse(Map<String, String> fields, String salt) {
    StringBuilder text = new StringBuilder();
    String charges = fields.getOrDefault("additionalCharges", "");
    if (!charges.isEmpty()) {
      text.append(charges).append('|');
    }
    text.append(salt).append('|').append(fields.getOrDefault("status", "")).append("|||||");
    for (String name : new String[] {"udf5", "udf4", "udf3", "udf2", "udf1", "email", "firstname", "productinfo",
        "amount", "txnid"}) {
      text.append('|').append(fields.getOrDefault(name, ""));
    }
    text.append('|').append(fields.getOrDefault("key", ""));
    return sha512(text.toString());
  }

  /** The postservice command hash. */
  public static String command(String key, String command, String var1, String salt) {
    return sha512(key + "|" + command + "|" + var1 + "|" + salt);
  }

  /** Compares a received hash with the expected one in constant time, ignoring hex case. */
  public static boolean matches(String expectedHex, String receivedHex) {
    byte[] expected = expectedHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    byte[] received = receivedHex.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, received);
  }

  /** Lower-case hex SHA-512 of the UTF-8 text. */
  public static String sha512(String text) {
    return HexFormat.of().formatHex(digest("SHA-512", text));
  }

  /** Lower-case hex SHA-256 of the UTF-8 text. */
  public static String sha256(String text) {
    return HexFormat.of().formatHex(digest("SHA-256", text));
  }

  private static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JRE", e);
    }
  }
}
