package dev.bizo.server.crm;

import dev.bizo.crm.Activity;
import dev.bizo.crm.EmailAddress;
import dev.bizo.crm.Lead;
import dev.bizo.crm.StatusChange;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.Utm;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.crm.scoring.ScoreHistoryEntry;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the CRM API. */
public final class LeadViews {

  private LeadViews() {}

  /**
   * Campaign parameters.
   *
   * @param source utm_source
   * @param medium utm_medium
   * @param campaign utm_campaign
   * @param term utm_term
   * @param content utm_content
   */
  public record UtmView(String source, String medium, String campaign, String term, String content) {
    static UtmView of(Utm utm) {
      return utm.isEmpty() ? null : new UtmView(utm.source(), utm.medium(), utm.campaign(), utm.term(), utm.content());
    }

    Utm toUtm() {
      return new Utm(source, medium, campaign, term, content);
    }
  }

  /**
   * Why a lead scored what it did: one line per rule or feature.
   *
   * @param label what contributed, e.g. {@code source WEBSITE} or {@code 3 page views}
   * @param points its points, negative when it lowered the score
   */
  public record ContributionView(String label, int points) {
    static ContributionView of(Contribution c) {
      return new ContributionView(c.label(), c.points());
    }
  }

  /**
   * A lead with its current score.
   *
   * @param id the lead id
   * @param name the lead's name
   * @param email e-mail, normalised
   * @param phone phone
   * @param company company
   * @param jobTitle job title
   * @param industry industry
   * @param companySize employees
   * @param country country
   * @param source where the lead came from
   * @param utm campaign parameters
   * @param owner the user who owns it
   * @param tags tags
   * @param attributes free attributes
   * @param status lifecycle status
   * @param createdAt when created
   * @param updatedAt when last changed
   * @param score 0–100
   * @param priority {@code HOT}, {@code WARM} or {@code COLD}
   * @param scoredBy the scorer and its version, e.g. {@code rules:3f2a}
   * @param explanation the contributions that make up the score
   */
  public record LeadView(
      String id, String name, String email, String phone, String company, String jobTitle, String industry,
      Integer companySize, String country, String source, UtmView utm, String owner, List<String> tags,
      Map<String, Object> attributes, String status, String createdAt, String updatedAt, int score, String priority,
      String scoredBy, List<ContributionView> explanation) {
    static LeadView of(StoredLead stored) {
      Lead l = stored.lead();
      LeadScore s = stored.score();
      return new LeadView(
          l.id().toString(), l.name(), l.email().map(EmailAddress::value).orElse(null), l.phone().orElse(null),
          l.company().orElse(null), l.jobTitle().orElse(null), l.industry().orElse(null),
          l.companySize().isPresent() ? l.companySize().getAsInt() : null, l.country().orElse(null), l.source().name(),
          UtmView.of(l.utm()), l.owner().orElse(null), l.tags().stream().sorted().toList(), l.attributes(), l.status().name(),
          l.createdAt().toString(), l.updatedAt().toString(), s.value(), stored.priority().name(),
          s.scorerId() + ":" + s.scorerVersion(), s.contributions().stream().map(ContributionView::of).toList());
    }
  }

  /**
   * One page of leads.
   *
   * @param items the leads
   * @param nextCursor pass as {@code cursor} for the next page; absent on the last
   */
  public record LeadPageView(List<LeadView> items, String nextCursor) {}

  /**
   * One change of a lead's score.
   *
   * @param at when
   * @param previousScore before
   * @param newScore after
   * @param delta the change
   * @param cause what caused it, e.g. {@code created}, {@code activity}, {@code status}
   * @param scoredBy scorer and version
   */
  public record ScoreChangeView(String at, int previousScore, int newScore, int delta, String cause, String scoredBy) {
    static ScoreChangeView of(ScoreHistoryEntry e) {
      return new ScoreChangeView(
          e.at().toString(), e.previousScore(), e.newScore(), e.delta(), e.cause(), e.scorerId() + ":" + e.scorerVersion());
    }
  }

  /**
   * A lead's score, why, and how it got there.
   *
   * @param leadId the lead
   * @param score 0–100
   * @param priority {@code HOT}, {@code WARM} or {@code COLD}
   * @param scoredBy scorer and version
   * @param scoredAt when
   * @param explanation every contribution
   * @param topPositive the three largest positive contributions
   * @param topNegative the three largest negative contributions
   * @param history every score change, oldest first
   */
  public record ScoreView(
      String leadId, int score, String priority, String scoredBy, String scoredAt, List<ContributionView> explanation,
      List<ContributionView> topPositive, List<ContributionView> topNegative, List<ScoreChangeView> history) {}

  /**
   * An activity.
   *
   * @param type {@code PAGE_VIEW}, {@code FORM_SUBMIT}, {@code EMAIL_OPEN}, {@code EMAIL_CLICK}, {@code MEETING}, {@code CALL}, {@code NOTE}
   * @param at when it happened
   * @param detail free text
   */
  public record ActivityView(String type, String at, String detail) {
    static ActivityView of(Activity a) {
      return new ActivityView(a.type().name(), a.at().toString(), a.detailText().orElse(null));
    }
  }

  /**
   * A status change.
   *
   * @param from before
   * @param to after
   * @param by who
   * @param at when
   */
  public record StatusChangeView(String from, String to, String by, String at) {
    static StatusChangeView of(StatusChange c) {
      return new StatusChangeView(c.from() == null ? null : c.from().name(), c.to().name(), c.by(), c.at().toString());
    }
  }
}
