package dev.bizo.payments.payu.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PayU's hash formats against known vectors. Each expected value was computed outside Java with
 * {@code printf '%s' '<text>' | sha512sum} over the text spelled out in the test, and is checked again here
 * through {@link MessageDigest} over that same text, so neither the field order nor the pipes come from the
 * code under test.
 */
class PayUHashesTest {

  private static final String KEY = "JPM7Fg";
  private static final String SALT = "s4ltS4LT";
  private static final String TXNID = "bz0a1b2c3d4e5f60718293a4b";

  @Test
  void request_hash_is_sha512_of_key_txnid_amount_productinfo_firstname_email_udfs_and_salt() {
    String text = "JPM7Fg|bz0a1b2c3d4e5f60718293a4b|100.00|TCK payment|Asha|asha@example.in|order-7||||||||||s4ltS4LT";
    String known = "f7670f80452af9ba2f8d523afeb1a65e736759e0a6c00c2fc3241c408bf6438c"
        + "b19f2623be7de50f0adb2d6e0e7a8aed517a6e754584c8252c7935954e57edeb";
    assertThat(sha512(text)).isEqualTo(known);

    Map<String, String> form = new LinkedHashMap<>();
    form.put("key", KEY);
    form.put("txnid", TXNID);
    form.put("amount", "100.00");
    form.put("productinfo", "TCK payment");
    form.put("firstname", "Asha");
    form.put("email", "asha@example.in");
    form.put("udf1", "order-7");
    form.put("surl", "https://shop.example/return"); // not hashed
    assertThat(PayUHashes.request(form, SALT)).isEqualTo(known);
  }

  @Test
  void reverse_hash_runs_from_salt_and_status_back_to_key() {
    String text = "s4ltS4LT|success|||||||||||asha@example.in|Asha|TCK payment|100.00|bz0a1b2c3d4e5f60718293a4b|JPM7Fg";
    String known = "4763a731b70a8334fd36d8cd6b1f2016928c9a86e0595b9c2caef3bc8f4c768f"
        + "5e6d295feb8401bfa52e5326a76b59b7d6501701b692bdd7d7c0c80e8c16e3f0";
    assertThat(sha512(text)).isEqualTo(known);
    assertThat(PayUHashes.reverse(callback(), SALT)).isEqualTo(known);
  }

  @Test
  void reverse_hash_with_additional_charges_puts_them_first() {
    String text = "2.50|s4ltS4LT|success|||||||||||asha@example.in|Asha|TCK payment|100.00|bz0a1b2c3d4e5f60718293a4b|JPM7Fg";
    String known = "f0029ec0485b3f259eb9478662fc304e283f0fc8c7a650da349775e547912ecc"
        + "51bf29d26438b96a5e9191cccbd9b62d6d5688e1a78744cca3fe6c3722a58ad6";
    assertThat(sha512(text)).isEqualTo(known);
    Map<String, String> fields = callback();
    fields.put("additionalCharges", "2.50");
    assertThat(PayUHashes.reverse(fields, SALT)).isEqualTo(known);
  }

  @Test
  void command_hash_is_sha512_of_key_command_var1_and_salt() {
    String known = "ce85c40ae62b54de6e5b61a96316821bc4a2499ceaac1093461bf5db5a40db12"
        + "e39320148ccbd30ffb5a6710140f898ee518439dfc551b6564d251f6570f8e6a";
    assertThat(sha512("JPM7Fg|verify_payment|bz0a1b2c3d4e5f60718293a4b|s4ltS4LT")).isEqualTo(known);
    assertThat(PayUHashes.command(KEY, "verify_payment", TXNID, SALT)).isEqualTo(known);
  }

  @Test
  void a_changed_signed_value_changes_the_reverse_hash() {
    String genuine = PayUHashes.reverse(callback(), SALT);
    for (String field : new String[] {"status", "amount", "txnid", "key", "email", "firstname", "productinfo"}) {
      Map<String, String> tampered = callback();
      tampered.put(field, tampered.get(field) + "x");
      assertThat(PayUHashes.matches(PayUHashes.reverse(tampered, SALT), genuine)).as(field).isFalse();
    }
    assertThat(PayUHashes.matches(PayUHashes.reverse(callback(), SALT + "x"), genuine)).as("salt").isFalse();
  }

  @Test
  void matching_ignores_hex_case_and_surrounding_space_but_not_length() {
    String genuine = PayUHashes.reverse(callback(), SALT);
    assertThat(PayUHashes.matches(genuine, " " + genuine.toUpperCase() + "\n")).isTrue();
    assertThat(PayUHashes.matches(genuine, genuine.substring(1))).isFalse();
    assertThat(PayUHashes.matches(genuine, "")).isFalse();
  }

  private static Map<String, String> callback() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("mihpayid", "403993715521937565");
    fields.put("status", "success");
    fields.put("key", KEY);
    fields.put("txnid", TXNID);
    fields.put("amount", "100.00");
    fields.put("productinfo", "TCK payment");
    fields.put("firstname", "Asha");
    fields.put("email", "asha@example.in");
    return fields;
  }

  private static String sha512(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
