package dev.bizo.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.http.OutboundHttp;
import dev.bizo.server.it.RunningServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh tenant for one browser test class, signed up over the API, with an API key for arranging data
 * (leads, payments) behind the page's back; the browser itself logs in with the owner's password.
 */
final class DashboardTenant {

  static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCOPES = "[\"data:read\",\"data:write\"]";

  private final HttpClient http = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  final String slug;
  final String ownerEmail;
  private final String apiKey;

  private DashboardTenant(URI base, String slug) throws IOException, InterruptedException {
    this.base = base;
    this.slug = slug;
    this.ownerEmail = "owner@" + slug + ".test";
    JsonNode created = send("POST", "/api/v1/tenants", null,
        "{\"tenantName\":\"Dash " + slug + "\",\"slug\":\"" + slug + "\",\"ownerEmail\":\"" + ownerEmail + "\",\"password\":\"" + PASSWORD + "\"}", 201);
    assertThat(created.path("slug").asText()).isEqualTo(slug);
    JsonNode tokens = send("POST", "/api/v1/auth/token", null,
        "{\"slug\":\"" + slug + "\",\"email\":\"" + ownerEmail + "\",\"password\":\"" + PASSWORD + "\"}", 200);
    JsonNode key = send("POST", "/api/v1/api-keys", tokens.path("accessToken").asText(), "{\"name\":\"browser-it\",\"scopes\":" + SCOPES + "}", 201);
    this.apiKey = key.path("key").asText();
  }

  static DashboardTenant signUp(RunningServer server) throws IOException, InterruptedException {
    return new DashboardTenant(server.http(), "dash" + Long.toHexString(System.nanoTime()) + "-" + COUNTER.incrementAndGet());
  }

  /** Creates a lead through the API (not the page) and returns its JSON. */
  JsonNode createLead(String name, String email, String source) throws IOException, InterruptedException {
    return send("POST", "/api/v1/leads", apiKey,
        "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"source\":\"" + source + "\",\"company\":\"" + name + " Ltd\"}", 201);
  }

  /** Moves a lead to a status through the API. */
  void changeStatus(String leadId, String status) throws IOException, InterruptedException {
    send("POST", "/api/v1/leads/" + leadId + "/status", apiKey, "{\"status\":\"" + status + "\"}", 200);
  }

  private JsonNode send(String method, String path, String bearer, String json, int expected) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
    return JSON.readTree(response.body());
  }
}
