package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh tenant for one test: signed up through the API, with an owner login and an API key holding every
 * scope. Tests use the key, which does not expire like the suite's short-lived access tokens.
 *
 * @param slug the tenant's slug
 * @param tenantId the tenant's id
 * @param apiKey a key with every scope
 */
record TestTenant(String slug, String tenantId, String apiKey) {

  static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String ALL_SCOPES =
      "[\"users:read\",\"users:manage\",\"api-keys:manage\",\"secrets:manage\",\"audit:read\",\"data:read\",\"data:write\","
          + "\"tenant:manage\",\"billing:manage\"]";

  static TestTenant signup(Api api) throws Exception {
    String slug = "t" + Long.toHexString(System.nanoTime()) + "-" + COUNTER.incrementAndGet();
    Reply created = api.postJson("/api/v1/tenants",
        "{\"tenantName\":\"Acme " + slug + "\",\"slug\":\"" + slug + "\",\"ownerEmail\":\"owner@" + slug + ".test\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String owner = login(api, slug, "owner@" + slug + ".test");
    Reply key = api.postJsonAs(owner, "/api/v1/api-keys", "{\"name\":\"it\",\"scopes\":" + ALL_SCOPES + "}");
    assertThat(key.status()).as(key.toString()).isEqualTo(201);
    return new TestTenant(slug, created.json().path("tenantId").asText(), key.json().path("key").asText());
  }

  static String login(Api api, String slug, String email) throws Exception {
    Reply tokens = api.postJson("/api/v1/auth/token",
        "{\"slug\":\"" + slug + "\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    return tokens.json().path("accessToken").asText();
  }

  /** A user of this tenant with {@code role}, created by a fresh owner login; returns its access token. */
  String userToken(Api api, String role) throws Exception {
    String owner = login(api, slug, "owner@" + slug + ".test");
    String email = role.toLowerCase(java.util.Locale.ROOT) + "@" + slug + ".test";
    Reply added = api.postJsonAs(owner, "/api/v1/users",
        "{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return login(api, slug, email);
  }

  static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
    assertThat(reply.problemCode()).as(reply.toString()).isEqualTo(code);
  }
}
