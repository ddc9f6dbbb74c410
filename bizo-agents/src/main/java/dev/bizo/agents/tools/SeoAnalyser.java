package dev.bizo.agents.tools;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Analyses HTML for on-page SEO with jsoup. Thresholds follow common search-engine guidance: titles of 30 to
 * 60 characters, meta descriptions of 70 to 160, one h1 and no skipped heading levels, at least 300 words,
 * keyword density between 0.5% and 3%, Flesch reading ease of at least 50.
 */
public final class SeoAnalyser {

  static final int TITLE_MIN = 30;
  static final int TITLE_MAX = 60;
  static final int DESCRIPTION_MIN = 70;
  static final int DESCRIPTION_MAX = 160;
  static final int THIN_CONTENT_WORDS = 300;
  static final double DENSITY_MIN = 0.5;
  static final double DENSITY_MAX = 3.0;
  static final double READABILITY_MIN = 50;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+");
  private static final Pattern VOWEL_GROUP = Pattern.compile("[aeiouy]+");

  /**
   * Analyses a page.
   *
   * @param html the page's HTML
   * @param pageUrl where the page lives, used to tell internal from external links; empty for raw HTML
   * @param keywords target terms (single words or phrases)
   * @return the measurements and findings
   */
  public SeoAnalysis analyse(String html, Optional<URI> pageUrl, List<String> keywords) {
    Document doc = pageUrl.map(u -> Jsoup.parse(html, u.toString())).orElseGet(() -> Jsoup.parse(html));
    List<SeoFinding> findings = new ArrayList<>();

    String title = doc.title().trim();
    if (title.isEmpty()) {
      findings.add(new SeoFinding("title.missing", SeoSeverity.HIGH, "the page has no <title>"));
    } else if (title.length() < TITLE_MIN) {
      findings.add(new SeoFinding("title.too_short", SeoSeverity.MEDIUM,
          "title has " + title.length() + " characters; aim for " + TITLE_MIN + " to " + TITLE_MAX));
    } else if (title.length() > TITLE_MAX) {
      findings.add(new SeoFinding("title.too_long", SeoSeverity.MEDIUM,
          "title has " + title.length() + " characters and will be cut off after about " + TITLE_MAX));
    }

    Element descriptionTag = doc.selectFirst("meta[name=description]");
    String description = descriptionTag == null ? "" : descriptionTag.attr("content").trim();
    if (description.isEmpty()) {
      findings.add(new SeoFinding("meta_description.missing", SeoSeverity.HIGH, "no meta description"));
    } else if (description.length() < DESCRIPTION_MIN) {
      findings.add(new SeoFinding("meta_description.too_short", SeoSeverity.LOW,
          "meta description has " + description.length() + " characters; aim for " + DESCRIPTION_MIN
              + " to " + DESCRIPTION_MAX));
    } else if (description.length() > DESCRIPTION_MAX) {
      findings.add(new SeoFinding("meta_description.too_long", SeoSeverity.MEDIUM,
          "meta description has " + description.length() + " characters; it is cut after about "
              + DESCRIPTION_MAX));
    }

    List<SeoAnalysis.Heading> headings = new ArrayList<>();
    for (Element h : doc.select("h1, h2, h3, h4, h5, h6")) {
      headings.add(new SeoAnalysis.Heading(h.tagName().charAt(1) - '0', h.text().trim()));
    }
    long h1Count = headings.stream().filter(h -> h.level() == 1).count();
    if (h1Count == 0) {
      findings.add(new SeoFinding("heading.h1_missing", SeoSeverity.HIGH, "the page has no h1"));
    } else if (h1Count > 1) {
      findings.add(new SeoFinding("heading.h1_multiple", SeoSeverity.MEDIUM,
          "the page has " + h1Count + " h1 elements; use exactly one"));
    }
    int previous = 0;
    for (SeoAnalysis.Heading h : headings) {
      if (previous > 0 && h.level() > previous + 1) {
        findings.add(new SeoFinding("heading.skipped_level", SeoSeverity.MEDIUM,
            "h" + h.level() + " '" + h.text() + "' follows h" + previous + " without an h" + (previous + 1)));
      }
      previous = h.level();
    }

    String bodyText = doc.body() == null ? "" : doc.body().text();
    List<String> words = words(bodyText);
    int wordCount = words.size();
    if (wordCount < THIN_CONTENT_WORDS) {
      findings.add(new SeoFinding("content.thin", SeoSeverity.MEDIUM,
          "the body has " + wordCount + " words; pages under " + THIN_CONTENT_WORDS + " rarely rank"));
    }

    Map<String, Double> density = new LinkedHashMap<>();
    for (String keyword : keywords) {
      List<String> termWords = words(keyword);
      if (termWords.isEmpty()) {
        continue;
      }
      int occurrences = countPhrase(words, termWords);
      double percent = wordCount == 0 ? 0 : round2(100.0 * occurrences * termWords.size() / wordCount);
      density.put(keyword, percent);
      if (occurrences == 0) {
        findings.add(new SeoFinding("keyword.missing", SeoSeverity.HIGH,
            "target term '" + keyword + "' does not appear in the body"));
      } else if (percent < DENSITY_MIN) {
        findings.add(new SeoFinding("keyword.low_density", SeoSeverity.LOW,
            "target term '" + keyword + "' is " + percent + "% of the body; aim for " + DENSITY_MIN + "% to "
                + DENSITY_MAX + "%"));
      } else if (percent > DENSITY_MAX) {
        findings.add(new SeoFinding("keyword.stuffing", SeoSeverity.MEDIUM,
            "target term '" + keyword + "' is " + percent + "% of the body; above " + DENSITY_MAX
                + "% reads as keyword stuffing"));
      }
    }

    double flesch = round2(fleschReadingEase(bodyText, words));
    if (wordCount > 0 && flesch < READABILITY_MIN) {
      findings.add(new SeoFinding("readability.difficult", SeoSeverity.LOW,
          "Flesch reading ease is " + flesch + "; aim for " + (int) READABILITY_MIN + " or more"));
    }

    int internal = 0;
    int external = 0;
    int nofollow = 0;
    String pageHost = pageUrl.map(URI::getHost).map(h -> h.toLowerCase(Locale.ROOT)).orElse(null);
    for (Element a : doc.select("a[href]")) {
      String href = a.attr("href").trim();
      String lower = href.toLowerCase(Locale.ROOT);
      if (lower.startsWith("mailto:") || lower.startsWith("tel:") || lower.startsWith("javascript:")) {
        continue;
      }
      if (isExternal(href, pageHost)) {
        external++;
      } else {
        internal++;
      }
      if (a.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
        nofollow++;
      }
    }
    if (internal == 0) {
      findings.add(new SeoFinding("links.no_internal", SeoSeverity.LOW,
          "no internal links; link related pages so crawlers and readers find them"));
    }

    List<String> missingAlt = new ArrayList<>();
    for (Element img : doc.select("img")) {
      if (!img.hasAttr("alt")) {
        missingAlt.add(img.attr("src"));
      }
    }
    if (!missingAlt.isEmpty()) {
      findings.add(new SeoFinding("image.alt_missing", SeoSeverity.MEDIUM,
          missingAlt.size() + " image(s) without alt text: " + String.join(", ", missingAlt)));
    }

    Element canonicalTag = doc.selectFirst("link[rel=canonical]");
    Optional<String> canonical = Optional.ofNullable(canonicalTag).map(e -> e.attr("href").trim())
        .filter(s -> !s.isEmpty());
    if (canonical.isEmpty()) {
      findings.add(new SeoFinding("canonical.missing", SeoSeverity.LOW,
          "no canonical link; duplicate URLs may split ranking signals"));
    }
    Element robotsTag = doc.selectFirst("meta[name=robots]");
    Optional<String> robots = Optional.ofNullable(robotsTag).map(e -> e.attr("content").trim())
        .filter(s -> !s.isEmpty());
    if (robots.map(r -> r.toLowerCase(Locale.ROOT).contains("noindex")).orElse(false)) {
      findings.add(new SeoFinding("robots.noindex", SeoSeverity.HIGH,
          "robots meta is '" + robots.get() + "': search engines will not index the page"));
    }

    findings.sort(Comparator.comparing(SeoFinding::severity));
    return new SeoAnalysis(title, title.length(), description, description.length(), headings, wordCount,
        density, flesch, new SeoAnalysis.LinkStats(internal, external, nofollow), missingAlt, canonical, robots,
        findings);
  }

  /**
   * Turns findings into fixes, most severe first, with a standard action per finding code.
   *
   * @param analysis the analysis
   * @return one fix per finding, priorities from 1
   */
  public static List<SeoFix> standardFixes(SeoAnalysis analysis) {
    List<SeoFix> fixes = new ArrayList<>();
    int priority = 1;
    for (SeoFinding f : analysis.findings()) {
      fixes.add(new SeoFix(priority++, f.code(), standardAction(f)));
    }
    return fixes;
  }

  private static String standardAction(SeoFinding f) {
    switch (f.code()) {
      case "title.missing":
      case "title.too_short":
      case "title.too_long":
        return "Write a " + TITLE_MIN + "-" + TITLE_MAX + " character title leading with the main term ("
            + f.detail() + ")";
      case "meta_description.missing":
      case "meta_description.too_short":
      case "meta_description.too_long":
        return "Write a " + DESCRIPTION_MIN + "-" + DESCRIPTION_MAX
            + " character meta description that promises the page's benefit (" + f.detail() + ")";
      case "heading.h1_missing":
        return "Add one h1 that states the page's topic";
      case "heading.h1_multiple":
        return "Keep one h1 and demote the others to h2 (" + f.detail() + ")";
      case "heading.skipped_level":
        return "Restore the heading hierarchy: " + f.detail();
      case "content.thin":
        return "Expand the copy with useful detail (" + f.detail() + ")";
      case "keyword.missing":
      case "keyword.low_density":
        return "Use the target term naturally in the h1, first paragraph and a subheading (" + f.detail() + ")";
      case "keyword.stuffing":
        return "Replace some repetitions with synonyms (" + f.detail() + ")";
      case "readability.difficult":
        return "Shorten sentences and prefer shorter words (" + f.detail() + ")";
      case "links.no_internal":
        return "Link to two or three related pages on the site";
      case "image.alt_missing":
        return "Describe each image in an alt attribute (" + f.detail() + ")";
      case "canonical.missing":
        return "Add <link rel=\"canonical\"> pointing at the preferred URL";
      case "robots.noindex":
        return "Remove noindex from the robots meta unless the page must stay out of search";
      default:
        return f.detail();
    }
  }

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  static int countPhrase(List<String> words, List<String> phrase) {
    int count = 0;
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      if (words.subList(i, i + phrase.size()).equals(phrase)) {
        count++;
      }
    }
    return count;
  }

  static double fleschReadingEase(String text, List<String> words) {
    if (words.isEmpty()) {
      return 0;
    }
    int sentences = 0;
    for (String part : SENTENCE_END.split(text)) {
      if (WORD.matcher(part).find()) {
        sentences++;
      }
    }
    sentences = Math.max(1, sentences);
    int syllables = 0;
    for (String w : words) {
      syllables += syllables(w);
    }
    return 206.835 - 1.015 * ((double) words.size() / sentences) - 84.6 * ((double) syllables / words.size());
  }

  static int syllables(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    Matcher m = VOWEL_GROUP.matcher(w);
    int count = 0;
    while (m.find()) {
      count++;
    }
    if (count > 1 && w.endsWith("e") && !w.endsWith("le")) {
      count--;
    }
    return Math.max(1, count);
  }

  private static boolean isExternal(String href, String pageHost) {
    URI uri;
    try {
      uri = URI.create(href.replace(" ", "%20"));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (uri.getHost() == null) {
      return false;
    }
    return pageHost == null || !uri.getHost().toLowerCase(Locale.ROOT).equals(pageHost);
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
