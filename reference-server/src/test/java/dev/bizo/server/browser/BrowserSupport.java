package dev.bizo.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.bizo.server.it.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser tests' one fixture: drives Debian's Chromium through Playwright against the suite's running
 * bootable jar, signs up a fresh tenant before each test ({@link #server}, {@link #tenant}) and fails a test
 * that left browser errors behind. Without {@code /usr/bin/chromium} every test of the class is skipped, and
 * the reason is printed.
 */
@ExtendWith(ChromiumAvailable.class)
@ExtendWith(RunningServer.Extension.class)
abstract class BrowserSupport {

  /** Debian's Chromium; {@code -Dbizo.browser.chromium=...} points elsewhere (or nowhere, to see the skip). */
  static final Path CHROMIUM = Path.of(System.getProperty("bizo.browser.chromium", "/usr/bin/chromium"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final double DESKTOP_WIDTH = 1280;

  private static Playwright playwright;
  static Browser browser;

  private final List<BrowserContext> contexts = Collections.synchronizedList(new ArrayList<>());
  /** Browser errors (uncaught exceptions, console errors other than failed requests), checked after each test. */
  final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

  /** The suite's running server. */
  RunningServer server;
  /** A tenant signed up for this test, with an owner to log in as. */
  DashboardTenant tenant;

  @BeforeAll
  static void launchChromium() {
    // Only reached with Chromium present (ChromiumAvailable). The driver must never try to download a browser: this machine may be offline.
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run")));
    // A busy two-core machine answers slower than a laptop.
    PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
  }

  @AfterAll
  static void closeChromium() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (playwright != null) {
      playwright.close();
      playwright = null;
    }
  }

  @BeforeEach
  final void signUpTenant(RunningServer runningServer) throws Exception {
    this.server = runningServer;
    this.tenant = DashboardTenant.signUp(runningServer);
  }

  @AfterEach
  final void noBrowserErrorsThenCloseContexts() {
    try {
      assertThat(pageErrors).as("browser errors").isEmpty();
    } finally {
      contexts.forEach(BrowserContext::close);
      contexts.clear();
    }
  }

  /** A new page in a context of its own (its own memory, so its own login), at the given viewport. */
  Page newPage(double width, double height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize((int) width, (int) height));
    context.setDefaultTimeout(20_000);
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add("page error: " + error));
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
        pageErrors.add("console error: " + message.text());
      }
    });
    return page;
  }

  Page newPage() {
    return newPage(DESKTOP_WIDTH, 900);
  }

  /** A new desktop page, logged in as this test's {@link #tenant}'s owner. */
  Page loggedInPage() {
    return loggedIn(server, tenant, newPage());
  }

  /** Opens the dashboard and logs in as the tenant's owner through the login form. */
  Page loggedIn(RunningServer server, DashboardTenant tenant, Page page) {
    page.navigate(server.http().resolve("/").toString());
    page.getByLabel("Tenant").fill(tenant.slug);
    page.getByLabel("E-mail").fill(tenant.ownerEmail);
    page.getByLabel("Password").fill(DashboardTenant.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Overview").setLevel(1))).isVisible();
    return page;
  }

  /** Follows a main-menu link, as a user would (a reload would forget the in-memory session). */
  static void openFromMenu(Page page, String name) {
    page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name))
        .click();
    PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1))).isVisible();
  }

  /** Goes to a route inside the app without reloading. */
  static void route(Page page, String hash) {
    page.evaluate("h => { location.hash = h; }", hash);
  }

  /** Saves a full-page screenshot under target/screenshots. */
  static Path screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + SCREENSHOTS, e);
    }
    Path file = SCREENSHOTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }
}
