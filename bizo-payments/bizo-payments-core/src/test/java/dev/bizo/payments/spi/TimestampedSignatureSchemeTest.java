package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimestampedSignatureSchemeTest {

  private static final String HEADER = "Test-Signature";
  private static final byte[] BODY = "{\"id\":\"evt_1\",\"amount\":100}".getBytes(StandardCharsets.UTF_8);

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final TimestampedSignatureScheme scheme =
      new TimestampedSignatureScheme(HEADER, TimestampTolerance.fiveMinutes(clock));

  private static WebhookRequest request(byte[] body, String header) {
    return WebhookRequest.of(body, ReceivedHeaders.of(Map.of(HEADER.toLowerCase(), header)), GatewayCredentials.none());
  }

  private String code(WebhookRequest request, List<String> secrets) {
    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class, () -> scheme.verify(request, secrets));
    assertThat(e).isNotNull();
    return e.code();
  }

  @Test
  void accepts_a_signature_over_timestamp_and_raw_body() {
    String header = scheme.sign(BODY, "s3cret", clock.instant());
    assertThat(header).startsWith("t=" + clock.instant().getEpochSecond() + ",v1=");
    assertThat(scheme.verify(request(BODY, header), List.of("s3cret"))).isEqualTo(clock.instant());
  }

  @Test
  void accepts_either_secret_during_a_rotation() {
    Instant now = clock.instant();
    String oldSig = scheme.sign(BODY, "old", now).split(",")[1];
    String newSig = scheme.sign(BODY, "new", now).split(",")[1];
    String both = "t=" + now.getEpochSecond() + "," + oldSig + "," + newSig;
    assertThat(scheme.verify(request(BODY, both), List.of("new"))).isEqualTo(now);
    assertThat(scheme.verify(request(BODY, scheme.sign(BODY, "old", now)), List.of("new", "old"))).isEqualTo(now);
  }

  @Test
  void rejects_a_tampered_body_or_timestamp() {
    String header = scheme.sign(BODY, "s3cret", clock.instant());
    byte[] tampered = BODY.clone();
    tampered[tampered.length - 3] = '9';
    assertThat(code(request(tampered, header), List.of("s3cret"))).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
    String shifted = header.replace("t=" + clock.instant().getEpochSecond(), "t=" + (clock.instant().getEpochSecond() + 1));
    assertThat(code(request(BODY, shifted), List.of("s3cret"))).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void rejects_a_missing_or_unparseable_header() {
    WebhookRequest none = WebhookRequest.of(BODY, ReceivedHeaders.of(Map.of()), GatewayCredentials.none());
    assertThat(code(none, List.of("s"))).isEqualTo(WebhookRejectedException.SIGNATURE_MISSING);
    assertThat(code(request(BODY, "v1=abc"), List.of("s"))).isEqualTo(WebhookRejectedException.SIGNATURE_MISSING);
    assertThat(code(request(BODY, "t=abc,v1=abc"), List.of("s"))).isEqualTo(WebhookRejectedException.SIGNATURE_MISSING);
  }

  @Test
  void checks_the_signature_before_the_timestamp() {
    Instant old = clock.instant().minus(Duration.ofHours(1));
    assertThat(code(request(BODY, scheme.sign(BODY, "wrong", old)), List.of("s3cret")))
        .isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
    assertThat(code(request(BODY, scheme.sign(BODY, "s3cret", old)), List.of("s3cret")))
        .isEqualTo(WebhookRejectedException.TIMESTAMP_OUT_OF_TOLERANCE);
  }
}
