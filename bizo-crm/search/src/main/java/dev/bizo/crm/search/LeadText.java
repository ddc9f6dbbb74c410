package dev.bizo.crm.search;

import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
    List<String> notes = activities.stream()
        .filter(a -> a.type() == ActivityType.NOTE)
        .sorted(Comparator.comparing(Activity::at))
        .flatMap(a -> a.detailText().stream())
        .toList();
    return of(lead.name(), lead.jobTitle(), lead.company(), lead.industry(), notes);
  }

  /**
   * The same text from a lead's parts, for a store that reads them straight from {@code crm_lead}.
   *
   * @param name the lead's name
   * @param jobTitle the job title, if any
   * @param company the company, if any
   * @param industry the industry, if any
   * @param notes the texts of its notes, oldest first
   * @return the text to embed, at most {@link #MAX_CHARS} characters
   */
  public static String of(
      String name, Optional<String> jobTitle, Optional<String> company, Optional<String> industry, List<String> notes) {
    StringJoiner text = new StringJoiner(" ");
    text.add(name + ".");
    String role = jobTitle.orElse("");
    String firm = company.orElse("");
    if (!role.isEmpty() && !firm.isEmpty()) {
      text.add(role + " at " + firm + ".");
    } else if (!role.isEmpty() || !firm.isEmpty()) {
      text.add(role + firm + ".");
    }
    industry.ifPresent(i -> text.add("Industry: " + i + "."));
    StringBuilder noteText = new StringBuilder();
    notes.stream().filter(n -> !n.isBlank()).forEach(n -> noteText.append(' ').append(n.trim()));
    if (noteText.length() > 0) {
      text.add("Notes:" + noteText);
    }
    String s = text.toString();
    return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS);
  }
}
