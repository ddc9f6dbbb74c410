package dev.bizo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.crm.ActivityType;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.payments.PaymentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's filter and form option lists, read from the JavaScript the server ships, name exactly the values of
 * the enums the API accepts: an option the API does not know (the payments filter once offered {@code CREATED} for
 * {@code NEW}) answers 400, and a missing one cannot be chosen.
 */
class DashboardOptionListsTest {

  private static final String PAGES = "META-INF/resources/assets/pages/";

  private static List<String> list(String page, String name) throws IOException {
    String source;
    try (InputStream in = DashboardOptionListsTest.class.getClassLoader().getResourceAsStream(PAGES + page)) {
      source = new String(Objects.requireNonNull(in, page + " is not on the class path").readAllBytes(),
          StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("const " + name + " = \\[([^\\]]*)\\]").matcher(source);
    assertThat(m.find()).as("%s declares %s", page, name).isTrue();
    return Arrays.stream(m.group(1).split(",")).map(s -> s.trim().replace("'", "")).filter(s -> !s.isEmpty())
        .toList();
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  @Test
  void the_payments_status_filter_offers_exactly_the_payment_states_in_their_order() throws IOException {
    assertThat(list("payments.js", "STATUSES")).containsExactlyElementsOf(names(PaymentStatus.values()));
  }

  @Test
  void the_lead_lists_offer_exactly_the_lead_statuses_sources_and_activity_types() throws IOException {
    assertThat(list("leads.js", "STATUSES")).containsExactlyInAnyOrderElementsOf(names(LeadStatus.values()));
    assertThat(list("leads.js", "SOURCES")).containsExactlyInAnyOrderElementsOf(names(LeadSource.values()));
    assertThat(list("leads.js", "ACTIVITIES")).containsExactlyInAnyOrderElementsOf(names(ActivityType.values()));
  }
}
