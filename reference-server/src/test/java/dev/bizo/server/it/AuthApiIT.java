package dev.bizo.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signup, login, tokens, users and API keys against the running server on its embedded PostgreSQL.
 * Every refusal has its exact status and problem code, and nothing answers 5xx.
 */
@ExtendWith(RunningServer.Extension.class)
class AuthApiIT {

  private static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  /** A fresh tenant; returns the signup reply's JSON. */
  private static JsonNode signup(String slug) throws Exception {
    Reply reply = api.postJson("/api/v1/tenants", signupJson("Acme " + slug, slug, "owner@" + slug + ".test", PASSWORD));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json();
  }

  private static String signupJson(String name, String slug, String email, String password) {
    return "{\"tenantName\":\"" + name + "\",\"slug\":\"" + slug + "\",\"ownerEmail\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }

  private static String uniqueSlug() {
    return "t" + Long.toHexString(System.nanoTime()) + "-" + COUNTER.incrementAndGet();
  }

  private static JsonNode login(String slug, String email, String password) throws Exception {
    Reply reply = api.postJson("/api/v1/auth/token",
        "{\"slug\":\"" + slug + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static String ownerToken(String slug) throws Exception {
    return login(slug, "owner@" + slug + ".test", PASSWORD).path("accessToken").asText();
  }

  private static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
    assertThat(reply.problemCode()).as(reply.toString()).isEqualTo(code);
    if (status == 401) {
      assertThat(reply.wwwAuthenticate()).startsWith("Bearer");
    }
  }

  @Test
  void signup_then_token_then_me_names_the_owner_and_tenant() throws Exception {
    String slug = uniqueSlug();
    JsonNode created = signup(slug);
    JsonNode tokens = login(slug, "owner@" + slug + ".test", PASSWORD);

    assertThat(tokens.path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(tokens.path("expiresIn").asLong()).isBetween(1L, RunningServer.ACCESS_TOKEN_LIFETIME.toSeconds());
    assertThat(tokens.path("refreshToken").asText()).isNotBlank();
    Reply me = api.getAs(tokens.path("accessToken").asText(), "/api/v1/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().path("kind").asText()).isEqualTo("USER");
    assertThat(me.json().path("subject").asText()).isEqualTo(created.path("userId").asText());
    assertThat(me.json().path("tenantId").asText()).isEqualTo(created.path("tenantId").asText());
    assertThat(me.json().path("tenantSlug").asText()).isEqualTo(slug);
    assertThat(me.json().path("email").asText()).isEqualTo("owner@" + slug + ".test");
    assertThat(me.json().path("roles").get(0).asText()).isEqualTo("OWNER");
  }

  @Test
  void a_wrong_password_is_401_invalid_credentials() throws Exception {
    String slug = uniqueSlug();
    signup(slug);

    Reply reply = api.postJson("/api/v1/auth/token",
        "{\"slug\":\"" + slug + "\",\"email\":\"owner@" + slug + ".test\",\"password\":\"not the password at all\"}");

    assertProblem(reply, 401, "auth.invalid_credentials");
  }

  @Test
  void refresh_rotates_and_a_reused_refresh_token_is_401_and_ends_the_session() throws Exception {
    String slug = uniqueSlug();
    signup(slug);
    String first = login(slug, "owner@" + slug + ".test", PASSWORD).path("refreshToken").asText();

    Reply rotated = api.postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    String second = rotated.json().path("refreshToken").asText();
    assertThat(second).isNotEqualTo(first);
    assertThat(api.getAs(rotated.json().path("accessToken").asText(), "/api/v1/me").status()).isEqualTo(200);

    assertProblem(api.postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}"), 401, "auth.invalid_refresh_token");
    // Reuse revoked the whole family: the newer token is dead too.
    assertProblem(api.postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + second + "\"}"), 401, "auth.invalid_refresh_token");
  }

  @Test
  void logout_ends_the_session_of_the_refresh_token() throws Exception {
    String slug = uniqueSlug();
    signup(slug);
    String refresh = login(slug, "owner@" + slug + ".test", PASSWORD).path("refreshToken").asText();

    Reply logout = api.postJson("/api/v1/auth/logout", "{\"refreshToken\":\"" + refresh + "\"}");

    assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
    assertProblem(api.postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}"), 401, "auth.invalid_refresh_token");
  }

  @Test
  void an_api_key_works_until_it_is_revoked_and_its_secret_is_shown_only_once() throws Exception {
    String slug = uniqueSlug();
    signup(slug);
    String owner = ownerToken(slug);

    Reply created = api.postJsonAs(owner, "/api/v1/api-keys", "{\"name\":\"ci\",\"scopes\":[\"users:read\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String key = created.json().path("key").asText();
    String keyId = created.json().path("details").path("keyId").asText();

    Reply me = api.getAs(key, "/api/v1/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().path("kind").asText()).isEqualTo("API_KEY");
    assertThat(me.json().path("subject").asText()).isEqualTo(keyId);
    assertThat(api.getAs(key, "/api/v1/users").status()).isEqualTo(200);
    // users:read does not let the key manage keys.
    assertProblem(api.getAs(key, "/api/v1/api-keys"), 403, "forbidden");

    Reply listed = api.getAs(owner, "/api/v1/api-keys");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).contains(keyId).doesNotContain(key);

    assertThat(api.deleteAs(owner, "/api/v1/api-keys/" + keyId).status()).isEqualTo(204);
    assertProblem(api.getAs(key, "/api/v1/me"), 401, "auth.invalid_api_key");
  }

  @Test
  void an_api_key_cannot_be_given_an_unknown_scope() throws Exception {
    String slug = uniqueSlug();
    signup(slug);

    Reply reply = api.postJsonAs(ownerToken(slug), "/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"root:everything\"]}");

    assertProblem(reply, 422, "validation_failed");
    assertThat(reply.json().path("errors").get(0).path("code").asText()).isEqualTo("unknown_scope");
  }

  @Test
  void a_viewer_or_member_calling_an_admin_endpoint_is_403_forbidden() throws Exception {
    String slug = uniqueSlug();
    signup(slug);
    String owner = ownerToken(slug);
    for (String role : new String[] {"VIEWER", "MEMBER"}) {
      String email = role.toLowerCase() + "@" + slug + ".test";
      Reply added = api.postJsonAs(owner, "/api/v1/users",
          "{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}");
      assertThat(added.status()).as(added.toString()).isEqualTo(201);
      String token = login(slug, email, PASSWORD).path("accessToken").asText();

      assertProblem(api.postJsonAs(token, "/api/v1/users", "{\"email\":\"x@" + slug + ".test\",\"role\":\"VIEWER\"}"), 403, "forbidden");
      assertProblem(api.postJsonAs(token, "/api/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"data:read\"]}"), 403, "forbidden");
      assertThat(api.getAs(token, "/api/v1/me").status()).isEqualTo(200);
    }
    Reply users = api.getAs(owner, "/api/v1/users");
    assertThat(users.json()).hasSize(3);
  }

  @Test
  void another_tenants_user_is_404_never_403() throws Exception {
    String mine = uniqueSlug();
    String theirs = uniqueSlug();
    signup(mine);
    JsonNode other = signup(theirs);
    String token = ownerToken(mine);

    Reply reply = api.getAs(token, "/api/v1/users/" + other.path("userId").asText());
    Reply unknown = api.getAs(token, "/api/v1/users/" + UUID.randomUUID());

    // Indistinguishable from a user that never existed.
    assertProblem(reply, 404, "user.not_found");
    assertProblem(unknown, 404, "user.not_found");
  }

  @Test
  void another_tenants_api_key_cannot_be_revoked_and_is_404() throws Exception {
    String mine = uniqueSlug();
    String theirs = uniqueSlug();
    signup(mine);
    signup(theirs);
    Reply theirKey = api.postJsonAs(ownerToken(theirs), "/api/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"data:read\"]}");
    String keyId = theirKey.json().path("details").path("keyId").asText();

    assertProblem(api.deleteAs(ownerToken(mine), "/api/v1/api-keys/" + keyId), 404, "api_key.not_found");
    assertThat(api.getAs(theirKey.json().path("key").asText(), "/api/v1/me").status()).isEqualTo(200);
  }

  @Test
  void a_missing_credential_is_401_unauthorized_with_www_authenticate() throws Exception {
    assertProblem(api.get("/api/v1/me"), 401, "unauthorized");
    assertProblem(api.get("/api/v1/users"), 401, "unauthorized");
  }

  @Test
  void a_tampered_token_is_401_invalid_token() throws Exception {
    String slug = uniqueSlug();
    signup(slug);
    String token = ownerToken(slug);
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
    String forged = payload.replace("OWNER", "ADMIN");
    assertThat(forged).isNotEqualTo(payload);
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];

    assertProblem(api.getAs(tampered, "/api/v1/me"), 401, "auth.invalid_token");
    assertProblem(api.getAs("not-a-jwt", "/api/v1/me"), 401, "auth.invalid_token");
  }

  @Test
  void an_expired_token_is_401_token_expired() throws Exception {
    String slug = uniqueSlug();
    signup(slug);
    String token = ownerToken(slug);
    assertThat(api.getAs(token, "/api/v1/me").status()).isEqualTo(200);

    Thread.sleep(RunningServer.ACCESS_TOKEN_LIFETIME.plusSeconds(1).toMillis());

    assertProblem(api.getAs(token, "/api/v1/me"), 401, "auth.token_expired");
  }

  @Test
  void malformed_json_on_signup_is_400_malformed_json() throws Exception {
    assertProblem(api.postJson("/api/v1/tenants", "{\"tenantName\": "), 400, "malformed_json");
  }

  @Test
  void a_taken_slug_is_409_slug_taken() throws Exception {
    String slug = uniqueSlug();
    signup(slug);

    Reply again = api.postJson("/api/v1/tenants", signupJson("Other", slug, "someone@else.test", PASSWORD));

    assertProblem(again, 409, "tenancy.slug_taken");
  }

  @Test
  void a_weak_password_and_a_bad_slug_are_422_with_both_field_errors() throws Exception {
    Reply reply = api.postJson("/api/v1/tenants", signupJson("Acme", "NO", "owner@acme.test", "password"));

    assertProblem(reply, 422, "validation_failed");
    assertThat(reply.json().path("errors").findValuesAsText("field")).contains("password", "slug");
  }

  @Test
  void the_jwks_publishes_public_keys_only() throws Exception {
    Reply reply = api.get("/api/v1/.well-known/jwks.json");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode key = reply.json().path("keys").get(0);
    assertThat(key.path("kty").asText()).isEqualTo("EC");
    assertThat(key.has("d")).isFalse();
  }
}
