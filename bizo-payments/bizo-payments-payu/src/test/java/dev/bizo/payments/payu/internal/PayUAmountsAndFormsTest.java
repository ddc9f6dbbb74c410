package dev.bizo.payments.payu.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayUAmountsAndFormsTest {

  @Test
  void converts_paise_to_rupees_and_back_exactly() {
    assertThat(PayUAmounts.toPayU(Money.ofMinor(10000, "INR"))).isEqualTo("100.00");
    assertThat(PayUAmounts.toPayU(Money.ofMinor(5, "INR"))).isEqualTo("0.05");
    assertThat(PayUAmounts.fromPayU("100.00")).isEqualTo(Money.ofMinor(10000, "INR"));
    assertThat(PayUAmounts.fromPayU("10")).isEqualTo(Money.ofMinor(1000, "INR"));
    assertThat(PayUAmounts.fromPayU("0.5")).isEqualTo(Money.ofMinor(50, "INR"));
  }

  @Test
  void refuses_rounding_and_other_currencies() {
    assertThatThrownBy(() -> PayUAmounts.fromPayU("10.005")).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> PayUAmounts.fromPayU("ten")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> PayUAmounts.toPayU(Money.of("5000", "JPY"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodes_and_parses_form_fields_round_trip() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("productinfo", "T shirt & cap = 2");
    fields.put("email", "asha+shop@example.in");
    fields.put("udf1", "");
    String body = FormBody.encode(fields);
    assertThat(body).isEqualTo("productinfo=T+shirt+%26+cap+%3D+2&email=asha%2Bshop%40example.in&udf1=");
    assertThat(FormBody.parse(body)).contains(fields);
  }

  @Test
  void refuses_a_field_named_twice_and_broken_percent_encoding() {
    assertThat(FormBody.parse("status=failure&amount=1.00&status=success")).isEmpty();
    assertThat(FormBody.parse("status=%E")).isEmpty();
    assertThat(FormBody.parse("")).contains(Map.of());
  }
}
