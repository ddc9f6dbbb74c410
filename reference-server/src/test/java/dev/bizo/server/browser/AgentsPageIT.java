package dev.bizo.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Starting agent and crew runs (offline mode) and watching their steps arrive over the live stream. */
class AgentsPageIT extends BrowserSupport {


  @Test
  void a_crew_run_streams_its_steps_live_and_then_shows_tokens_and_cost() throws Exception {
    tenant.createLead("Agent Lead", "agent@lead.test", "REFERRAL");
    Page page = loggedInPage();
    openFromMenu(page, "Agents");
    assertThat(page.locator(".live[data-status=live]")).isVisible();

    page.getByLabel("Run", new Page.GetByLabelOptions().setExact(true)).selectOption("crew:campaign");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start run")).click();

    // These items exist only because run.progress events came over the event stream.
    Locator progress = page.locator(".progress-events li");
    assertThat(progress.filter(new Locator.FilterOptions().setHasText("Run started"))).hasCount(1);
    assertThat(progress.filter(new Locator.FilterOptions().setHasText("Step started")).first()).isVisible();
    assertThat(progress.filter(new Locator.FilterOptions().setHasText("Step succeeded")).first()).isVisible();
    assertThat(page.locator(".live-run .run-summary .badge").first()).hasText("Succeeded");
    assertThat(page.locator(".live-run .run-tokens")).containsText("in /");
    assertThat(page.locator(".live-run .run-cost")).containsText("$");
    assertThat(page.locator("table.runs-table tbody tr")).hasCount(1);
    screenshot(page, "agents-run");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the run with every step")).click();
    assertThat(page.locator(".steps > li").first()).isVisible();
    assertThat(page.locator(".steps > li.status-succeeded").first()).isVisible();
    screenshot(page, "agent-run");
  }

  @Test
  void a_single_agent_run_lists_its_steps() {
    Page page = loggedInPage();
    openFromMenu(page, "Agents");

    page.getByLabel("Run", new Page.GetByLabelOptions().setExact(true)).selectOption("agent:lead-scorer");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start run")).click();

    assertThat(page.locator(".progress-events li").filter(new Locator.FilterOptions().setHasText("Run started"))).hasCount(1);
    assertThat(page.locator(".live-run .run-summary")).isVisible();
    assertThat(page.locator(".live-run .run-summary .badge").first()).not().hasText("Running");
  }
}
