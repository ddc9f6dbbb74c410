package dev.bizo.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Every page renders from the menu (saved as screenshots), the phone layout, and keyboard reach. */
class DashboardPagesIT extends BrowserSupport {


  @Test
  void every_page_opens_from_the_menu_without_errors() throws Exception {
    tenant.createLead("Pages Lead", "pages@lead.test", "PARTNER");
    Page page = loggedInPage();
    assertThat(page.locator(".health-grid")).isVisible();
    assertThat(page.locator(".health-card[data-component=database]")).containsText("Up");
    assertThat(page.locator(".health-card[data-component=webhook-deliveries]")).isVisible();
    screenshot(page, "overview");

    openFromMenu(page, "Leads");
    assertThat(page.locator("table.leads-table tbody tr")).hasCount(1);

    openFromMenu(page, "Analytics");
    Locator byStatus = page.locator("figure", new Page.LocatorOptions().setHasText("Leads by status"));
    assertThat(byStatus.locator(".bar-list li")).hasCount(1);
    assertThat(byStatus.locator(".bar-list li").first()).containsText("New");
    assertThat(page.getByText("Leads by score band")).isVisible();
    screenshot(page, "analytics");

    openFromMenu(page, "Agents");
    screenshot(page, "agents");

    openFromMenu(page, "Automation");
    screenshot(page, "automation");

    assertThat(page.locator(".state.error")).hasCount(0);
  }

  @Test
  void at_phone_width_the_menu_folds_away_and_tables_stack() throws Exception {
    tenant.createLead("Phone Lead", "phone@lead.test", "WEBSITE");
    Page page = loggedIn(server, tenant, newPage(390, 844));
    Locator menu = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu"));
    assertThat(menu).isVisible();
    assertThat(page.locator("#nav")).isHidden();
    assertThat(menu).hasAttribute("aria-expanded", "false");
    screenshot(page, "overview-phone");

    menu.click();
    assertThat(menu).hasAttribute("aria-expanded", "true");
    page.locator("#nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Leads")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Leads").setLevel(1))).isVisible();
    assertThat(page.locator("#nav")).isHidden();

    Locator row = page.locator("table.leads-table tbody tr").first();
    assertThat(row).containsText("Phone Lead");
    // Stacked: the cells sit one under the other, and nothing scrolls sideways.
    double nameTop = row.locator("td").nth(0).boundingBox().y;
    double statusTop = row.locator("td").nth(3).boundingBox().y;
    assertThat(statusTop).isGreaterThan(nameTop);
    Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
    assertThat(((Number) scrollWidth).intValue()).isLessThanOrEqualTo(390);
    screenshot(page, "leads-phone");
  }

  @Test
  void the_login_form_and_menu_are_reachable_by_keyboard() {
    Page page = newPage();
    page.navigate(server.http().resolve("/").toString());
    // The tenant field has focus on arrival; the rest follows in order with Tab.
    page.keyboard().type(tenant.slug);
    page.keyboard().press("Tab");
    page.keyboard().type(tenant.ownerEmail);
    page.keyboard().press("Tab");
    page.keyboard().type(DashboardTenant.PASSWORD);
    page.keyboard().press("Enter");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Overview").setLevel(1))).isVisible();

    page.locator("#nav a[href='#/payments']").focus();
    page.keyboard().press("Enter");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Payments").setLevel(1))).isVisible();
  }
}
