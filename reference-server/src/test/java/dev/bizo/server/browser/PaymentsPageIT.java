package dev.bizo.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.bizo.payments.PaymentStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Test payments through the simulator, the list and the detail with its transactions. */
class PaymentsPageIT extends BrowserSupport {


  @Test
  void a_test_payment_appears_in_the_list_and_its_detail_shows_the_transaction() {
    Page page = loggedInPage();
    openFromMenu(page, "Payments");
    assertThat(page.getByText("No payments yet. Try a test payment with the simulator.")).isVisible();

    page.getByLabel("Amount", new Page.GetByLabelOptions().setExact(true)).fill("12.34");
    page.getByLabel("Test card").selectOption("4242424242424242");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay with the simulator")).click();

    Locator rows = page.locator("table.payments-table tbody tr");
    assertThat(rows).hasCount(1);
    assertThat(rows.first()).containsText("12.34");
    assertThat(rows.first()).containsText("Captured");
    screenshot(page, "payments");

    rows.first().getByRole(AriaRole.LINK).click();
    assertThat(page.locator("h1")).containsText("12.34");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Transactions"))).isVisible();
    assertThat(page.locator("table.data tbody tr").first()).containsText("Succeeded");
    screenshot(page, "payment");
  }

  @Test
  void the_status_filter_offers_exactly_the_payment_states_and_filters_by_them() {
    Page page = loggedInPage();
    openFromMenu(page, "Payments");
    page.getByLabel("Test card").selectOption("4242424242424242");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay with the simulator")).click();
    Locator rows = page.locator("table.payments-table tbody tr");
    assertThat(rows).hasCount(1);

    Locator status = page.locator("form.filters select[name=status]");
    List<String> offered = status.locator("option").all().stream().map(o -> o.getAttribute("value"))
        .filter(v -> !v.isEmpty()).toList();
    assertThat(offered).containsExactlyElementsOf(
        Arrays.stream(PaymentStatus.values()).map(Enum::name).toList());

    status.selectOption("NEW");
    page.locator("form.filters").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Apply")).click();
    assertThat(rows).hasCount(0);
    status.selectOption("CAPTURED");
    page.locator("form.filters").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Apply")).click();
    assertThat(rows).hasCount(1);
  }

  @Test
  void a_declined_test_payment_is_listed_as_declined() {
    Page page = loggedInPage();
    openFromMenu(page, "Payments");

    page.getByLabel("Test card").selectOption("4000000000000002");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay with the simulator")).click();

    Locator rows = page.locator("table.payments-table tbody tr");
    assertThat(rows).hasCount(1);
    assertThat(rows.first()).containsText("Declined");
  }
}
