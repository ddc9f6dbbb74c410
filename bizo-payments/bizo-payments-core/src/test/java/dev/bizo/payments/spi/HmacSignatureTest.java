package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {

  private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

  @Test
  void matches_the_rfc_4231_test_vector() {
    assertThat(HmacSignature.signHex("Jefe", DATA))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void verifies_hex_and_base64_signatures() {
    assertThat(HmacSignature.matchesHex("Jefe", DATA, HmacSignature.signHex("Jefe", DATA))).isTrue();
    assertThat(HmacSignature.matchesHex("Jefe", DATA, HmacSignature.signHex("Jefe", DATA).toUpperCase())).isTrue();
    assertThat(HmacSignature.matchesBase64("Jefe", DATA, HmacSignature.signBase64("Jefe", DATA))).isTrue();
  }

  @Test
  void rejects_a_wrong_secret_a_changed_byte_and_garbage() {
    String good = HmacSignature.signHex("Jefe", DATA);
    byte[] changed = DATA.clone();
    changed[0] ^= 1;
    assertThat(HmacSignature.matchesHex("Jeff", DATA, good)).isFalse();
    assertThat(HmacSignature.matchesHex("Jefe", changed, good)).isFalse();
    assertThat(HmacSignature.matchesHex("Jefe", DATA, "not-hex")).isFalse();
    assertThat(HmacSignature.matchesHex("Jefe", DATA, good.substring(2))).isFalse();
    assertThat(HmacSignature.matchesHex("Jefe", DATA, null)).isFalse();
    assertThat(HmacSignature.matchesBase64("Jefe", DATA, "%%%")).isFalse();
  }
}
