package dev.bizo.crm.search;

import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import java.util.List;
import java.util.StringJoiner;

/**
 * The text of a lead that gets embedded: who they are, where they work, and what the notes say.
 * Contact details and status are left out: they carry no meaning to compare.
 */
public final class LeadText {

  /** Notes beyond this many characters are cut, keeping the text within the model's window. */
  public static final int MAX_CHARS = 2000;

  private LeadText() {}

  /**
   * Describes a lead in one paragraph, e.g. {@code "Ada Lovelace. CTO at Analytical Engines.
   * Industry: manufacturing. Notes: wants a demo."}.
   *
   * @param lead the lead
   * @param activities its activities; only notes are used, oldest first
   * @return the text to embed
   */
  public static String of(Lead lead, List<Activity> activities) {
    StringJoiner text = new StringJoiner(" ");
    text.add(lead.name() + ".");
    String role = lead.jobTitle().orElse("");
    String company = lead.company().orElse("");
    if (!role.isEmpty() && !company.isEmpty()) {
      text.add(role + " at " + company + ".");
    } else if (!role.isEmpty() || !company.isEmpty()) {
      text.add(role + company + ".");
    }
    lead.industry().ifPresent(i -> text.add("Industry: " + i + "."));
    StringBuilder notes = new StringBuilder();
    activities.stream()
        .filter(a -> a.type() == ActivityType.NOTE)
        .sorted(java.util.Comparator.comparing(Activity::at))
        .forEach(a -> a.detailText().ifPresent(d -> notes.append(' ').append(d.trim())));
    if (notes.length() > 0) {
      text.add("Notes:" + notes);
    }
    String s = text.toString();
    return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS);
  }
}
