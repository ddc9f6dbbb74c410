package dev.bizo.agents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The closed set of agents. A supervisor may route work only to these names; anything else is rejected.
 */
public enum AgentRole {
  /** Plans segments, channels and budget split from lead and payment analytics. */
  STRATEGIST("strategist", "Marketing strategist",
      "Propose target segments, channels and a budget split, each with a reason grounded in the analytics."),
  /** Writes email, ad and landing-page copy grounded in brand notes. */
  CONTENT_CREATOR("content-creator", "Content creator",
      "Write campaign copy (email, ad, landing-page sections) consistent with the brand notes."),
  /** Audits a page's on-page SEO and prioritises fixes. */
  SEO_ANALYSER("seo-analyser", "SEO analyser",
      "Analyse the page with the SEO tool and turn its findings into prioritised fixes."),
  /** Ranks leads by the CRM's scores and suggests next actions. */
  LEAD_SCORER("lead-scorer", "Lead scorer",
      "Rank the open leads by the CRM's scores and suggest one concrete next action for each."),
  /** Writes a period report whose numbers come from tools. */
  REPORT_GENERATOR("report-generator", "Report generator",
      "Explain the period's results; every number must come from the analytics tools.");

  private final String id;
  private final String title;
  private final String goal;

  AgentRole(String id, String title, String goal) {
    this.id = id;
    this.title = title;
    this.goal = goal;
  }

  /**
   * The stable name used in traces and by supervisors.
   *
   * @return e.g. {@code seo-analyser}
   */
  public String id() {
    return id;
  }

  /**
   * The role, as told to the model.
   *
   * @return e.g. {@code SEO analyser}
   */
  public String title() {
    return title;
  }

  /**
   * The goal, as told to the model.
   *
   * @return one sentence
   */
  public String goal() {
    return goal;
  }

  /**
   * Looks a role up by its {@link #id()} (case-insensitive, surrounding blanks ignored).
   *
   * @param id the name
   * @return the role, or empty when no agent has that name
   */
  public static Optional<AgentRole> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
  }
}
