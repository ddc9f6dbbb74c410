package dev.bizo.agents.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bizo.core.http.SsrfGuard;
import dev.bizo.testkit.NodeHttpPeer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SEO page fetcher against a real Node.js site with an {@code upgrade} listener (which never answers h2c). */
class GuardedFetcherNodePeerIT {

  private NodeHttpPeer site;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(NodeHttpPeer.nodeAvailable(), NodeHttpPeer.NO_NODE);
    site = NodeHttpPeer.start().route("GET", "/landing", 200, "text/html; charset=utf-8",
        "<html><head><title>Served by Node</title></head><body><h1>Hi</h1></body></html>");
  }

  @AfterEach
  void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void fetches_an_http_page_from_a_node_server_with_an_upgrade_listener() {
    GuardedFetcher fetcher = new GuardedFetcher(SsrfGuard.builder().allowHost("127.0.0.1").build(), 4096,
        Duration.ofSeconds(5));

    FetchedPage page = fetcher.fetch(site.url("/landing"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Served by Node</title>");
    assertThat(site.upgradesOffered()).isEmpty();
    assertThat(site.received()).singleElement().satisfies(r -> {
      assertThat(r.httpVersion()).isEqualTo("1.1");
      assertThat(r.header("user-agent")).contains("bizo-seo-analyser/1");
    });
  }
}
