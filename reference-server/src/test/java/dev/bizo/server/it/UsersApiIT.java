package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Administering users against the running server: PATCH /users/{id} (role, disabled), DELETE /users/{id}, the
 * last-owner guard, API keys with users:manage, and POST /me/password ending the caller's other sessions. Every
 * change shows in GET /audit-events.
 */
@ExtendWith(RunningServer.Extension.class)
class UsersApiIT {

  private static final String PASSWORD = TestTenant.PASSWORD;

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  private static String owner(TestTenant tenant) throws Exception {
    return TestTenant.login(api, tenant.slug(), ownerEmail(tenant));
  }

  private static String ownerEmail(TestTenant tenant) {
    return "owner@" + tenant.slug() + ".test";
  }

  /** Adds a user with a password; returns its id. */
  private static String addUser(String bearer, TestTenant tenant, String name, String role) throws Exception {
    Reply added = api.postJsonAs(bearer, "/api/v1/users",
        "{\"email\":\"" + name + "@" + tenant.slug() + ".test\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return added.json().path("id").asText();
  }

  private static Reply tokens(TestTenant tenant, String email, String password) throws Exception {
    return api.postJson("/api/v1/auth/token",
        "{\"slug\":\"" + tenant.slug() + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  private static Reply refresh(String refreshToken) throws Exception {
    return api.postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
  }

  private static List<JsonNode> audit(TestTenant tenant, String action) throws Exception {
    return AuditEventsApiIT.items(api.getAs(tenant.apiKey(), "/api/v1/audit-events?limit=1000&action=" + action));
  }

  @Test
  void patch_changes_a_role_and_delete_removes_the_user_both_audited() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String owner = owner(tenant);
    String member = addUser(owner, tenant, "mia", "MEMBER");

    Reply changed = api.patchJsonAs(owner, "/api/v1/users/" + member, "{\"role\":\"viewer\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().path("role").asText()).isEqualTo("VIEWER");
    assertThat(changed.json().path("active").asBoolean()).isTrue();
    assertThat(api.getAs(owner, "/api/v1/users/" + member).json().path("role").asText()).isEqualTo("VIEWER");

    Reply removed = api.deleteAs(owner, "/api/v1/users/" + member);
    assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
    assertProblem(api.getAs(owner, "/api/v1/users/" + member), 404, "user.not_found");
    assertProblem(api.deleteAs(owner, "/api/v1/users/" + member), 404, "user.not_found");
    assertProblem(tokens(tenant, "mia@" + tenant.slug() + ".test", PASSWORD), 401, "auth.invalid_credentials");

    assertThat(audit(tenant, "user.role_changed")).singleElement()
        .satisfies(e -> assertThat(e.path("target").asText()).isEqualTo(member))
        .satisfies(e -> assertThat(e.path("detail").asText()).isEqualTo("MEMBER -> VIEWER"));
    assertThat(audit(tenant, "user.removed")).singleElement()
        .satisfies(e -> assertThat(e.path("target").asText()).isEqualTo(member));
  }

  @Test
  void a_disabled_user_cannot_log_in_and_their_refresh_token_is_refused_until_enabled() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String owner = owner(tenant);
    String dan = addUser(owner, tenant, "dan", "MEMBER");
    String email = "dan@" + tenant.slug() + ".test";
    Reply session = tokens(tenant, email, PASSWORD);
    assertThat(session.status()).as(session.toString()).isEqualTo(200);

    Reply disabled = api.patchJsonAs(owner, "/api/v1/users/" + dan, "{\"disabled\":true}");
    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
    assertThat(disabled.json().path("active").asBoolean()).isFalse();

    // refused exactly like a wrong password, so a disabled account cannot be told from an unknown one
    assertProblem(tokens(tenant, email, PASSWORD), 401, "auth.invalid_credentials");
    assertProblem(refresh(session.json().path("refreshToken").asText()), 401, "auth.invalid_refresh_token");

    assertThat(api.patchJsonAs(owner, "/api/v1/users/" + dan, "{\"disabled\":false}").json().path("active").asBoolean()).isTrue();
    assertThat(tokens(tenant, email, PASSWORD).status()).isEqualTo(200);
    assertThat(audit(tenant, "user.disabled")).singleElement().satisfies(e -> assertThat(e.path("target").asText()).isEqualTo(dan));
    assertThat(audit(tenant, "user.enabled")).singleElement().satisfies(e -> assertThat(e.path("target").asText()).isEqualTo(dan));
  }

  @Test
  void the_last_owner_can_be_neither_demoted_disabled_nor_deleted() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String owner = owner(tenant);
    String ownerId = api.getAs(owner, "/api/v1/me").json().path("subject").asText();

    assertProblem(api.patchJsonAs(owner, "/api/v1/users/" + ownerId, "{\"role\":\"ADMIN\"}"), 409, "tenancy.last_owner");
    assertProblem(api.patchJsonAs(owner, "/api/v1/users/" + ownerId, "{\"disabled\":true}"), 409, "tenancy.last_owner");
    assertProblem(api.deleteAs(owner, "/api/v1/users/" + ownerId), 409, "tenancy.last_owner");
    assertThat(tokens(tenant, ownerEmail(tenant), PASSWORD).status()).isEqualTo(200);

    // with a second owner, the first may go
    String second = addUser(owner, tenant, "olga", "OWNER");
    assertThat(api.deleteAs(owner, "/api/v1/users/" + ownerId).status()).isEqualTo(204);
    String olga = TestTenant.login(api, tenant.slug(), "olga@" + tenant.slug() + ".test");
    assertProblem(api.patchJsonAs(olga, "/api/v1/users/" + second, "{\"role\":\"MEMBER\",\"disabled\":true}"), 409, "tenancy.last_owner");
  }

  @Test
  void an_api_key_with_users_manage_adds_changes_and_removes_users_but_cannot_touch_owners() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String owner = owner(tenant);
    String ownerId = api.getAs(owner, "/api/v1/me").json().path("subject").asText();
    Reply created = api.postJsonAs(owner, "/api/v1/api-keys", "{\"name\":\"hr\",\"scopes\":[\"users:manage\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String key = created.json().path("key").asText();
    String keyId = created.json().path("details").path("keyId").asText();

    String ivy = addUser(key, tenant, "ivy", "MEMBER");
    assertThat(api.patchJsonAs(key, "/api/v1/users/" + ivy, "{\"role\":\"ADMIN\"}").json().path("role").asText()).isEqualTo("ADMIN");
    assertThat(api.deleteAs(key, "/api/v1/users/" + ivy).status()).isEqualTo(204);

    // the key acts as an admin: owners are an owner's business
    assertProblem(api.postJsonAs(key, "/api/v1/users", "{\"email\":\"boss@" + tenant.slug() + ".test\",\"role\":\"OWNER\"}"),
        403, "tenancy.permission_denied");
    assertProblem(api.patchJsonAs(key, "/api/v1/users/" + ownerId, "{\"disabled\":true}"), 403, "tenancy.permission_denied");
    assertProblem(api.deleteAs(key, "/api/v1/users/" + ownerId), 403, "tenancy.permission_denied");

    assertThat(audit(tenant, "user.added")).anySatisfy(e -> {
      assertThat(e.path("target").asText()).isEqualTo(ivy);
      assertThat(e.path("actor").asText()).isEqualTo("api-key:" + keyId);
    });
    assertThat(audit(tenant, "user.removed")).singleElement()
        .satisfies(e -> assertThat(e.path("actor").asText()).isEqualTo("api-key:" + keyId));
  }

  @Test
  void a_viewer_is_refused_other_tenants_users_are_404_and_bad_bodies_422() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant other = TestTenant.signup(api);
    String owner = owner(tenant);
    String member = addUser(owner, tenant, "max", "MEMBER");
    String viewer = tenant.userToken(api, "VIEWER");
    String stranger = addUser(owner(other), other, "sam", "MEMBER");

    assertProblem(api.patchJsonAs(viewer, "/api/v1/users/" + member, "{\"disabled\":true}"), 403, "forbidden");
    assertProblem(api.deleteAs(viewer, "/api/v1/users/" + member), 403, "forbidden");
    assertProblem(api.patchJsonAs(owner, "/api/v1/users/" + stranger, "{\"disabled\":true}"), 404, "user.not_found");
    assertProblem(api.deleteAs(owner, "/api/v1/users/" + stranger), 404, "user.not_found");
    assertProblem(api.patchJsonAs(owner, "/api/v1/users/" + UUID.randomUUID(), "{\"role\":\"VIEWER\"}"), 404, "user.not_found");
    assertThat(api.getAs(other.apiKey(), "/api/v1/users/" + stranger).json().path("active").asBoolean()).isTrue();

    assertProblem(api.patchJsonAs(owner, "/api/v1/users/" + member, "{}"), 422, "validation_failed");
    assertProblem(api.patchJsonAs(owner, "/api/v1/users/" + member, "{\"role\":\"KING\"}"), 422, "validation_failed");
    assertProblem(api.patchJsonAs(owner, "/api/v1/users/not-an-id", "{\"role\":\"VIEWER\"}"), 422, "validation_failed");
    assertThat(api.getAs(owner, "/api/v1/users/" + member).json().path("role").asText()).isEqualTo("MEMBER");
  }

  @Test
  void changing_your_password_ends_your_other_sessions_and_keeps_this_one() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String email = ownerEmail(tenant);
    JsonNode elsewhere = tokens(tenant, email, PASSWORD).json();
    JsonNode here = tokens(tenant, email, PASSWORD).json();
    String access = here.path("accessToken").asText();
    String newPassword = "a different horse battery staple";

    assertProblem(api.postJsonAs(access, "/api/v1/me/password",
        "{\"currentPassword\":\"not it at all\",\"newPassword\":\"" + newPassword + "\"}"), 401, "auth.invalid_credentials");
    assertProblem(api.postJsonAs(access, "/api/v1/me/password",
        "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"password\"}"), 422, "validation_failed");
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/me/password",
        "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + newPassword + "\"}"), 403, "forbidden");

    Reply changed = api.postJsonAs(access, "/api/v1/me/password", "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\""
        + newPassword + "\",\"refreshToken\":\"" + here.path("refreshToken").asText() + "\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);

    assertProblem(refresh(elsewhere.path("refreshToken").asText()), 401, "auth.invalid_refresh_token");
    assertThat(refresh(here.path("refreshToken").asText()).status()).as("the calling session stays").isEqualTo(200);
    assertProblem(tokens(tenant, email, PASSWORD), 401, "auth.invalid_credentials");
    assertThat(tokens(tenant, email, newPassword).status()).isEqualTo(200);
    assertThat(audit(tenant, "auth.password_changed")).singleElement()
        .satisfies(e -> assertThat(e.path("detail").asText()).matches("[1-9][0-9]* sessions revoked"));
  }
}
