package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Request limits against the running server. The shared server keeps its generous defaults (a low
 * BIZO_API_RATE_LIMIT_PER_MINUTE would throttle every other IT), so these tests create API keys with a tiny limit
 * of their own, which is what reaches 429 in a handful of requests.
 */
@ExtendWith(RunningServer.Extension.class)
class RateLimitIT {

  private static RunningServer server;
  private static Api api;

  @BeforeAll
  static void connect(RunningServer running) {
    server = running;
    api = new Api(running);
  }

  private static HttpResponse<String> get(String bearer, String path) throws Exception {
    HttpRequest.Builder request = Api.request(api.uri(path)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return server.http.send(request.build(), BodyHandlers.ofString());
  }

  private static String keyLimitedTo(TestTenant tenant, long perMinute) throws Exception {
    Reply created = api.postJsonAs(tenant.apiKey(), "/api/v1/api-keys",
        "{\"name\":\"slow\",\"scopes\":[\"users:read\"],\"rateLimitPerMinute\":" + perMinute + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("details").path("rateLimitPerMinute").asLong()).isEqualTo(perMinute);
    return created.json().path("key").asText();
  }

  @Test
  void a_key_past_its_limit_is_answered_429_with_retry_after_and_the_ietf_fields_and_other_keys_go_on() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String slow = keyLimitedTo(tenant, 3);

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> allowed = get(slow, "/api/v1/me");
      assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
      assertThat(allowed.headers().firstValue("RateLimit-Policy")).contains("\"credential\";q=3;w=60");
      assertThat(allowed.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).matches("\"credential\";r=[0-2];t=\\d+"));
    }
    HttpResponse<String> refused = get(slow, "/api/v1/me");

    assertProblem(Reply.of(refused), 429, "rate_limited");
    // 3 a minute: a token comes back every 20 s, the bucket is full again within the minute.
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 20L);
    assertThat(refused.headers().firstValue("RateLimit-Policy")).contains("\"credential\";q=3;w=60");
    assertThat(refused.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).matches("\"credential\";r=0;t=\\d+"));

    // Another credential of the same tenant, and a user of it, are not slowed by the spent key.
    assertThat(get(tenant.apiKey(), "/api/v1/me").statusCode()).isEqualTo(200);
    String owner = TestTenant.login(api, tenant.slug(), "owner@" + tenant.slug() + ".test");
    assertThat(get(owner, "/api/v1/me").statusCode()).isEqualTo(200);
    // Nor is a key of another tenant.
    assertThat(get(TestTenant.signup(api).apiKey(), "/api/v1/me").statusCode()).isEqualTo(200);
  }

  @Test
  void a_key_asking_for_more_than_the_server_wide_limit_is_held_to_the_server_wide_limit() throws Exception {
    String generous = keyLimitedTo(TestTenant.signup(api), 1_000_000);

    HttpResponse<String> allowed = get(generous, "/api/v1/me");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("RateLimit-Policy")).contains("\"credential\";q=6000;w=60");
  }

  @Test
  void a_rate_limit_below_one_is_refused_at_key_creation() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    Reply refused = api.postJsonAs(tenant.apiKey(), "/api/v1/api-keys",
        "{\"name\":\"zero\",\"scopes\":[\"users:read\"],\"rateLimitPerMinute\":0}");

    assertProblem(refused, 422, "validation_failed");
    assertThat(refused.body()).contains("rateLimitPerMinute");
  }

  @Test
  void endpoints_without_a_credential_are_never_limited() throws Exception {
    HttpResponse<String> jwks = get(null, "/api/v1/.well-known/jwks.json");

    assertThat(jwks.statusCode()).isEqualTo(200);
    assertThat(jwks.headers().firstValue("RateLimit-Policy")).isEmpty();
  }
}
