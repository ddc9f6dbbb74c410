package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import dev.bizo.webhooks.testing.StandardWebhooksVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  private final WebhookSecret secret = WebhookSecret.generate();
  private final Instant at = Instant.parse("2026-01-05T10:00:00Z");
  private final String body = "{\"type\":\"lead.created\",\"data\":{\"id\":\"L-1\",\"name\":\"Zoë\"}}";

  private Map<String, String> sign(String text) {
    return WebhookSigner.sign(secret, "msg_1", at, text.getBytes(StandardCharsets.UTF_8)).asMap();
  }

  @Test
  void signature_verifies_with_an_independent_standard_webhooks_verifier() throws Exception {
    Map<String, String> headers = sign(body);

    assertThat(headers.get("webhook-id")).isEqualTo("msg_1");
    assertThat(headers.get("webhook-timestamp")).isEqualTo(Long.toString(at.getEpochSecond()));
    assertThat(headers.get("webhook-signature")).startsWith("v1,");
    assertThat(StandardWebhooksVerifier.verify(secret.encoded(), headers, body, at.getEpochSecond() + 10)).isTrue();
  }

  @Test
  void rejects_webhook_with_tampered_body_or_id_or_other_secret() throws Exception {
    Map<String, String> headers = sign(body);

    assertThat(StandardWebhooksVerifier.verify(secret.encoded(), headers, body.replace("L-1", "L-2"),
        at.getEpochSecond())).isFalse();
    Map<String, String> otherId = new java.util.HashMap<>(headers);
    otherId.put("webhook-id", "msg_2");
    assertThat(StandardWebhooksVerifier.verify(secret.encoded(), otherId, body, at.getEpochSecond())).isFalse();
    assertThat(StandardWebhooksVerifier.verify(WebhookSecret.generate().encoded(), headers, body,
        at.getEpochSecond())).isFalse();
  }

  @Test
  void matches_the_published_standard_webhooks_example() throws Exception {
    // Example values from the Standard Webhooks specification's reference test vector.
    WebhookSecret spec = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    StandardWebhookHeaders headers = WebhookSigner.sign(spec, "msg_p5jXN8AQM9LWM0D4loKWxJek",
        Instant.ofEpochSecond(1614265330), "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

    assertThat(headers.signature()).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void secrets_round_trip_through_their_whsec_form_and_hide_in_tostring() {
    WebhookSecret generated = WebhookSecret.generate(new SplittableRandom(7));

    assertThat(generated.encoded()).startsWith("whsec_");
    assertThat(WebhookSecret.parse(generated.encoded())).isEqualTo(generated);
    assertThat(generated.toString()).doesNotContain(generated.encoded().substring(6));
    assertThatThrownBy(() -> WebhookSecret.parse("sk_abc")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).isInstanceOf(ValidationException.class);
  }
}
