package dev.bizo.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The leads table, its filters, live updates, the lead page and the CSV import. */
class LeadsPageIT extends BrowserSupport {


  private static Locator rows(Page page) {
    return page.locator("table.leads-table tbody tr");
  }

  @Test
  void filtering_by_status_and_text_shows_only_matching_leads() throws Exception {
    JsonNode ada = tenant.createLead("Ada Filter", "ada@filter.test", "REFERRAL");
    tenant.createLead("Brian Filter", "brian@filter.test", "WEBSITE");
    tenant.createLead("Cleo Other", "cleo@other.test", "EVENT");
    tenant.changeStatus(ada.path("id").asText(), "CONTACTED");
    Page page = loggedInPage();
    openFromMenu(page, "Leads");
    assertThat(rows(page)).hasCount(3);

    page.getByLabel("Status").selectOption("CONTACTED");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();

    assertThat(rows(page)).hasCount(1);
    assertThat(rows(page).first()).containsText("Ada Filter");
    assertThat(page.getByLabel("Status")).hasValue("CONTACTED");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear")).click();
    page.getByLabel("Search").fill("Filter");
    page.getByLabel("Search").press("Enter");

    assertThat(rows(page)).hasCount(2);
    assertThat(page.locator("table.leads-table")).not().containsText("Cleo Other");

    page.getByLabel("Search").fill("nobody-like-this");
    page.getByLabel("Search").press("Enter");
    assertThat(page.getByText("No leads match these filters.")).isVisible();
  }

  @Test
  void a_lead_created_on_one_page_appears_live_on_a_second_page() {
    Page watcher = loggedInPage();
    openFromMenu(watcher, "Leads");
    assertThat(watcher.getByText("No leads yet. Create one or import a CSV file.")).isVisible();
    assertThat(watcher.locator(".live[data-status=live]")).isVisible();

    Page editor = loggedInPage();
    openFromMenu(editor, "Leads");
    editor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New lead")).click();
    Locator dialog = editor.getByRole(AriaRole.DIALOG);
    dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Grace Live");
    dialog.getByLabel("E-mail").fill("grace@live.test");
    dialog.getByLabel("Company", new Locator.GetByLabelOptions().setExact(true)).fill("Navy");
    dialog.getByLabel("Source").selectOption("REFERRAL");
    screenshot(editor, "lead-new");
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create lead")).click();
    assertThat(editor.getByRole(AriaRole.DIALOG)).hasCount(0);

    // The watcher never reloads: the row arrives through the server's event stream.
    assertThat(rows(watcher)).hasCount(1);
    assertThat(rows(watcher).first()).containsText("Grace Live");
    assertThat(watcher.locator(".live-note")).containsText("Lead created");
    screenshot(watcher, "leads");
  }

  @Test
  void the_lead_page_shows_the_score_explanation_and_a_status_change() throws Exception {
    JsonNode lead = tenant.createLead("Linus Score", "linus@score.test", "REFERRAL");
    Page page = loggedInPage();
    route(page, "#/leads/" + lead.path("id").asText());

    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Linus Score").setLevel(1))).isVisible();
    assertThat(page.locator(".score-big")).containsText(lead.path("score").asText());
    int contributions = lead.path("explanation").size();
    assertThat(page.locator(".contrib-list li")).hasCount(contributions);
    assertThat(page.locator(".contrib-bar .seg")).hasCount(contributions);

    page.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)).selectOption("CONTACTED");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change status")).click();
    assertThat(page.locator(".card .badge").first()).hasText("Contacted");

    page.getByLabel("Detail", new Page.GetByLabelOptions().setExact(true)).fill("Called about the pilot");
    page.getByLabel("Activity", new Page.GetByLabelOptions().setExact(true)).selectOption("CALL");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add activity")).click();
    assertThat(page.locator(".timeline").first()).containsText("Called about the pilot");
    screenshot(page, "lead");
  }

  @Test
  void a_csv_import_shows_progress_and_reports_the_bad_row() {
    Page page = loggedInPage();
    openFromMenu(page, "Leads");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import CSV")).click();
    Locator dialog = page.getByRole(AriaRole.DIALOG);
    String csv = "name,email,source\n"
        + "Imported One,one@import.test,WEBSITE\n"
        + "Imported Two,not-an-email,WEBSITE\n"
        + "Imported Three,three@import.test,EVENT\n";
    dialog.getByLabel("CSV file").setInputFiles(new FilePayload("leads.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Import")).click();

    assertThat(dialog.locator(".report")).containsText("2 imported, 1 rejected of 3 rows.");
    assertThat(dialog.locator("progress")).hasAttribute("value", "3");
    Locator errorRows = dialog.locator("table.row-errors tbody tr");
    assertThat(errorRows).hasCount(1);
    assertThat(errorRows.first()).containsText("email");
    screenshot(page, "leads-import");

    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
    assertThat(rows(page)).hasCount(2);
  }
}
