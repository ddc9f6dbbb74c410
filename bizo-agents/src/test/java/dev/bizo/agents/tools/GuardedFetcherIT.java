package dev.bizo.agents.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.SeoAudit;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.testing.FixtureMarketingData;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.core.BizoException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.core.http.SsrfGuard;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching pages by URL from a local WireMock, allow-listed by address only. */
class GuardedFetcherIT {

  private WireMockServer site;
  private GuardedFetcher fetcher;
  private String base;

  @BeforeEach
  void start() {
    site = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    site.start();
    base = "http://127.0.0.1:" + site.port();
    fetcher = new GuardedFetcher(SsrfGuard.builder().allowHost("127.0.0.1").build(), 4096, Duration.ofSeconds(15));
  }

  @AfterEach
  void stop() {
    site.stop();
  }

  @Test
  void fetches_an_allow_listed_page_and_the_seo_agent_analyses_it() {
    site.stubFor(get(urlEqualTo("/landing")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody("<html><head><title>Acme landing</title>"
            + "<link rel=\"canonical\" href=\"" + base + "/landing\"></head><body><h1>Hi</h1>"
            + "<a href=\"" + base + "/pricing\">pricing</a><a href=\"https://elsewhere.example/\">x</a></body></html>")));
    TenantId tenant = TenantId.generate();
    AgentRuntime runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant)).fetcher(fetcher).build();

    var result = runtime.seoAnalyser(tenant, AgentTask.builder("Audit", DayRange.month(2026, 1))
        .pageUrl(URI.create(base + "/landing")).build());

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    SeoAudit audit = result.orElseThrow();
    assertThat(audit.analysis().title()).isEqualTo("Acme landing");
    assertThat(audit.analysis().links().internal()).isEqualTo(1);
    assertThat(audit.analysis().links().external()).isEqualTo(1);
    assertThat(audit.analysis().canonical()).contains(base + "/landing");
  }

  @Test
  void the_strict_guard_refuses_the_same_local_server() {
    GuardedFetcher strict = new GuardedFetcher(SsrfGuard.strict(), 4096, Duration.ofSeconds(2));

    assertThatThrownBy(() -> strict.fetch(URI.create(base + "/landing"))).isInstanceOf(ForbiddenException.class);
    site.verify(0, getRequestedFor(urlEqualTo("/landing")));
  }

  @Test
  void does_not_follow_a_redirect_to_a_refused_host() {
    site.stubFor(get(urlEqualTo("/jump")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://localhost:" + site.port() + "/secret")));
    site.stubFor(get(urlEqualTo("/secret")).willReturn(aResponse().withStatus(200).withBody("secret")));

    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/jump")))
        .isInstanceOf(ForbiddenException.class).hasMessageContaining("localhost");
    site.verify(0, getRequestedFor(urlEqualTo("/secret")));
  }

  @Test
  void follows_a_redirect_to_a_permitted_host() {
    site.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
    site.stubFor(get(urlEqualTo("/new")).willReturn(aResponse().withStatus(200).withBody("<title>new</title>")));

    FetchedPage page = fetcher.fetch(URI.create(base + "/old"));

    assertThat(page.url()).isEqualTo(URI.create(base + "/new"));
    assertThat(page.body()).contains("new");
  }

  @Test
  void refuses_a_body_over_the_size_cap() {
    site.stubFor(get(urlEqualTo("/huge")).willReturn(aResponse().withStatus(200).withBody("x".repeat(10_000))));

    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/huge")))
        .isInstanceOf(BizoException.class)
        .satisfies(e -> assertThat(((BizoException) e).code()).isEqualTo(GuardedFetcher.TOO_LARGE));
  }

  @Test
  void gives_up_on_a_slow_server() {
    site.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
    GuardedFetcher impatient = new GuardedFetcher(SsrfGuard.builder().allowHost("127.0.0.1").build(), 4096,
        Duration.ofSeconds(1));

    assertThatThrownBy(() -> impatient.fetch(URI.create(base + "/slow")))
        .isInstanceOf(BizoException.class)
        .satisfies(e -> assertThat(((BizoException) e).code()).isEqualTo(GuardedFetcher.TIMED_OUT));
  }
}
