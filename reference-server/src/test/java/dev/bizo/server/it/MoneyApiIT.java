package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningServer.Extension.class)
class MoneyApiIT {

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  @Test
  void converts_a_decimal_string_to_minor_units() throws Exception {
    Reply reply = api.postJson("/api/v1/money/parse", "{\"amount\": \"19.99\", \"currency\": \"EUR\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode money = reply.json();
    assertThat(money.path("minorUnits").asLong()).isEqualTo(1999);
    assertThat(money.path("currency").asText()).isEqualTo("EUR");
    assertThat(money.path("fractionDigits").asInt()).isEqualTo(2);
  }

  @Test
  void follows_the_currency_fraction_digits() throws Exception {
    Reply yen = api.postJson("/api/v1/money/parse", "{\"amount\": 500, \"currency\": \"JPY\"}");
    Reply dinar = api.postJson("/api/v1/money/parse", "{\"amount\": 1.5, \"currency\": \"KWD\"}");

    assertThat(yen.json().path("minorUnits").asLong()).as(yen.toString()).isEqualTo(500);
    assertThat(dinar.json().path("minorUnits").asLong()).as(dinar.toString()).isEqualTo(1500);
  }

  @Test
  void rounds_excess_digits_only_when_asked() throws Exception {
    Reply rounded =
        api.postJson("/api/v1/money/parse", "{\"amount\": \"2.345\", \"currency\": \"EUR\", \"rounding\": \"HALF_EVEN\"}");
    Reply refused =
        api.postJson("/api/v1/money/parse", "{\"amount\": \"2.345\", \"currency\": \"EUR\", \"rounding\": \"UNNECESSARY\"}");

    assertThat(rounded.json().path("minorUnits").asLong()).as(rounded.toString()).isEqualTo(234);
    assertThat(rounded.json().path("amount").asText()).isEqualTo("2.34");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
  }

  @Test
  void an_empty_body_is_refused_without_a_server_error() throws Exception {
    Reply reply = api.postJson("/api/v1/money/parse", "");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    assertThat(reply.problemCode()).isEqualTo("body_required");
  }
}
