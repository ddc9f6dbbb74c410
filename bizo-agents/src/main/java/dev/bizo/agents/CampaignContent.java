package dev.bizo.agents;

import dev.bizo.core.ValidationException;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * The content creator's output.
 *
 * @param email the campaign email
 * @param ad a search/social ad
 * @param landingPage the landing page
 * @param brandNoteIds the brand notes the copy is grounded in
 * @param summary a short narrative
 */
public record CampaignContent(
    Email email, Ad ad, LandingPage landingPage, List<String> brandNoteIds, String summary) {

  /**
   * An email.
   *
   * @param subject subject line, at most 120 characters
   * @param body plain-text body
   */
  public record Email(String subject, String body) {
    /** Validates the email. */
    public Email {
      StrategyPlan.requireText("email.subject", subject);
      StrategyPlan.requireText("email.body", body);
      if (subject.length() > 120) {
        throw ValidationException.ofField("email.subject", "content.too_long", "subject exceeds 120 characters");
      }
    }
  }

  /**
   * An ad.
   *
   * @param headline headline, at most 90 characters
   * @param body body text
   */
  public record Ad(String headline, String body) {
    /** Validates the ad. */
    public Ad {
      StrategyPlan.requireText("ad.headline", headline);
      StrategyPlan.requireText("ad.body", body);
      if (headline.length() > 90) {
        throw ValidationException.ofField("ad.headline", "content.too_long", "headline exceeds 90 characters");
      }
    }
  }

  /**
   * A landing-page section.
   *
   * @param heading the section heading
   * @param body the section text
   */
  public record Section(String heading, String body) {
    /** Validates the section. */
    public Section {
      StrategyPlan.requireText("landingPage.sections.heading", heading);
      StrategyPlan.requireText("landingPage.sections.body", body);
    }
  }

  /**
   * A landing page.
   *
   * @param title the page title
   * @param metaDescription the meta description
   * @param headline the page's single h1
   * @param sections the sections, each under an h2
   */
  public record LandingPage(String title, String metaDescription, String headline, List<Section> sections) {
    /** Validates the page. */
    public LandingPage {
      StrategyPlan.requireText("landingPage.title", title);
      StrategyPlan.requireText("landingPage.metaDescription", metaDescription);
      StrategyPlan.requireText("landingPage.headline", headline);
      if (sections == null || sections.isEmpty()) {
        throw ValidationException.ofField("landingPage.sections", "content.sections_missing",
            "the landing page needs at least one section");
      }
      sections = List.copyOf(sections);
    }

    /**
     * Renders the page as HTML, as the SEO analyser reviews it.
     *
     * @return a complete HTML document
     */
    public String toHtml() {
      StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
      html.append("<title>").append(Entities.escape(title)).append("</title>");
      html.append("<meta name=\"description\" content=\"").append(Entities.escape(metaDescription)).append("\">");
      html.append("</head><body><h1>").append(Entities.escape(headline)).append("</h1>");
      for (Section s : sections) {
        html.append("<h2>").append(Entities.escape(s.heading())).append("</h2><p>")
            .append(Entities.escape(s.body())).append("</p>");
      }
      return html.append("</body></html>").toString();
    }
  }

  /** Validates the content. */
  public CampaignContent {
    if (email == null || ad == null || landingPage == null) {
      throw ValidationException.ofField("email", "content.part_missing", "email, ad and landingPage are required");
    }
    brandNoteIds = brandNoteIds == null ? List.of() : List.copyOf(brandNoteIds);
    StrategyPlan.requireText("summary", summary);
  }
}
