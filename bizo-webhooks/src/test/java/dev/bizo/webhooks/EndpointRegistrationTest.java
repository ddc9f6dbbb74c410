package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointRegistrationTest {

  private static final URI URL = URI.create("https://n8n.example.com/webhook/bizo");

  @Test
  void keeps_the_event_types_and_the_static_header() {
    EndpointRegistration registration = EndpointRegistration.of(URL, "lead.created", "agent_run.finished")
        .withStaticHeader("X-N8N-Auth", "token");

    assertThat(registration.eventTypes()).containsExactlyInAnyOrder("lead.created", "agent_run.finished");
    assertThat(registration.staticHeader()).hasValueSatisfying(h -> assertThat(h.name()).isEqualTo("X-N8N-Auth"));
    assertThat(registration.staticHeader().orElseThrow().toString()).doesNotContain("token");
  }

  @Test
  void refuses_urls_that_are_not_absolute_http() {
    for (String url : new String[] {"ftp://example.com/x", "file:///etc/passwd", "/relative/path"}) {
      assertThatThrownBy(() -> EndpointRegistration.of(URI.create(url)))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("webhook.url_scheme"));
    }
  }

  @Test
  void refuses_event_types_that_are_not_dotted_lower_case_words() {
    assertThatThrownBy(() -> EndpointRegistration.of(URL, "Lead Created"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("webhook.event_type_invalid"));
  }

  @Test
  void refuses_a_static_header_that_would_override_the_signature_headers() {
    assertThatThrownBy(() -> EndpointRegistration.of(URL).withStaticHeader("webhook-signature", "v1,forged"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> EndpointRegistration.of(URL).withStaticHeader("X-Auth", "a\r\nInjected: yes"))
        .isInstanceOf(ValidationException.class);
  }
}
