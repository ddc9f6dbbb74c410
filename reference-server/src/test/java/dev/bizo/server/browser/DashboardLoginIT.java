package dev.bizo.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** The login page, the session it keeps in memory, and logout. */
class DashboardLoginIT extends BrowserSupport {


  @Test
  void logs_in_with_slug_email_and_password_and_shows_the_overview() {
    Page page = newPage();
    page.navigate(server.http().resolve("/").toString());
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Log in to Bizo"))).isVisible();
    screenshot(page, "login");

    loggedIn(server, tenant, page);

    assertThat(page.locator(".who")).containsText(tenant.ownerEmail);
    assertThat(page.locator("#nav a[aria-current=page]")).hasText("Overview");
    assertThat(page.locator(".figure", new Page.LocatorOptions().setHasText("Gateways configured")).locator(".figure-value"))
        .containsText("of");
  }

  @Test
  void a_wrong_password_shows_an_error_and_stays_on_the_login_page() {
    Page page = newPage();
    page.navigate(server.http().resolve("/").toString());
    page.getByLabel("Tenant").fill(tenant.slug);
    page.getByLabel("E-mail").fill(tenant.ownerEmail);
    page.getByLabel("Password").fill("not the password");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

    assertThat(page.getByRole(AriaRole.ALERT)).hasText("The tenant, e-mail or password is wrong.");
    assertThat(page.getByLabel("Password")).hasValue("");
    assertThat(page.locator(".topbar")).isHidden();
    screenshot(page, "login-wrong-password");
  }

  @Test
  void the_session_outlives_its_access_token_by_refreshing_it() {
    Page page = loggedInPage();
    // The suite's access tokens live 8 seconds; the page must refresh before (or on) the next call.
    page.waitForTimeout(9_500);

    openFromMenu(page, "Payments");

    assertThat(page.locator(".gateway[data-gateway=simulator]")).isVisible();
    assertThat(page.locator(".topbar")).isVisible();
  }

  @Test
  void logout_forgets_the_session_and_returns_to_the_login_page() {
    Page page = loggedInPage();

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();

    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Log in to Bizo"))).isVisible();
    assertThat(page.getByRole(AriaRole.STATUS).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("You are logged out.")))
        .isVisible();
    route(page, "#/leads");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Log in to Bizo"))).isVisible();
  }
}
