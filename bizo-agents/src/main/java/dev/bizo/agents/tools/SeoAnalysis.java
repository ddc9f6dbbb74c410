package dev.bizo.agents.tools;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measurements of one HTML page and the defects found in them.
 *
 * @param title the title, empty when missing
 * @param titleLength characters in the title
 * @param metaDescription the meta description, empty when missing
 * @param metaDescriptionLength characters in the meta description
 * @param headings the headings in document order
 * @param wordCount words of visible body text
 * @param keywordDensity target term to percentage of body words it accounts for
 * @param fleschReadingEase Flesch reading ease of the body text (higher is easier)
 * @param links link counts
 * @param imagesWithoutAlt sources of images that have no alt attribute
 * @param canonical the canonical URL, if declared
 * @param robots the robots meta content, if declared
 * @param findings the defects, most severe first
 */
public record SeoAnalysis(
    String title,
    int titleLength,
    String metaDescription,
    int metaDescriptionLength,
    List<Heading> headings,
    int wordCount,
    Map<String, Double> keywordDensity,
    double fleschReadingEase,
    LinkStats links,
    List<String> imagesWithoutAlt,
    Optional<String> canonical,
    Optional<String> robots,
    List<SeoFinding> findings) {

  /**
   * A heading.
   *
   * @param level 1 to 6
   * @param text its text
   */
  public record Heading(int level, String text) {}

  /**
   * Link counts.
   *
   * @param internal links to the same site (relative, fragment or same host)
   * @param external links to other hosts
   * @param nofollow links carrying rel=nofollow
   */
  public record LinkStats(int internal, int external, int nofollow) {}

  /** Copies the collections. */
  public SeoAnalysis {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(metaDescription, "metaDescription");
    headings = List.copyOf(headings);
    keywordDensity = Map.copyOf(keywordDensity);
    Objects.requireNonNull(links, "links");
    imagesWithoutAlt = List.copyOf(imagesWithoutAlt);
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(robots, "robots");
    findings = List.copyOf(findings);
  }

  /**
   * Whether a finding with a code is present.
   *
   * @param code the finding code
   * @return true when found
   */
  public boolean has(String code) {
    return findings.stream().anyMatch(f -> f.code().equals(code));
  }
}
