package dev.bizo.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook endpoints registered in the page, their deliveries to a receiver in the test, and redelivery. */
class AutomationPageIT extends BrowserSupport {

  private HttpServer receiver;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void an_endpoint_added_in_the_page_shows_its_secret_once_its_delivery_and_a_redelivery() throws Exception {
    Page page = loggedInPage();
    openFromMenu(page, "Automation");
    assertThat(page.getByText("No webhook endpoints yet.", new Page.GetByTextOptions().setExact(false))).isVisible();

    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    page.getByLabel("URL").fill(url);
    page.getByLabel("Events").fill("lead.created");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint")).click();

    assertThat(page.locator(".secret-once code")).containsText("whsec_");
    assertThat(page.locator(".endpoints li")).hasCount(1);
    assertThat(page.locator(".endpoints li").first()).containsText(url);

    tenant.createLead("Hooked Lead", "hooked@lead.test", "WEBSITE");
    String firstId = received.poll(60, TimeUnit.SECONDS);
    assertThat(firstId).as("the receiver got no delivery").isNotNull();

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deliveries to " + url)).click();
    Locator delivery = page.locator("section[aria-labelledby=deliveries-h] table tbody tr");
    assertThat(delivery).hasCount(1);
    assertThat(delivery.first()).containsText("lead.created");
    assertThat(delivery.first()).containsText("Delivered");
    assertThat(delivery.first()).containsText("HTTP 204");
    screenshot(page, "automation-deliveries");

    delivery.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Redeliver")).click();
    assertThat(page.getByText("Redelivery queued.")).isVisible();
    assertThat(received.poll(60, TimeUnit.SECONDS)).as("the redelivery").isEqualTo(firstId);
  }
}
