package dev.bizo.agents.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeoAnalyserTest {

  private final SeoAnalyser analyser = new SeoAnalyser();

  private static final String DEFECTIVE = "<html><head><title>Cheap invoices</title>"
      + "<meta name=\"robots\" content=\"noindex, nofollow\"></head><body>"
      + "<h1>Invoicing</h1><h1>Invoicing again</h1><h3>Skipped level</h3>"
      + "<p>Invoicing invoicing invoicing. Comprehensive organisational interoperability considerations "
      + "necessitate sophisticated administrative documentation, notwithstanding extraordinarily "
      + "complicated international regulatory requirements.</p>"
      + "<img src=\"hero.png\"><img src=\"logo.png\" alt=\"Acme logo\"><img src=\"deco.png\" alt=\"\">"
      + "<a href=\"https://other.example/x\" rel=\"nofollow\">elsewhere</a></body></html>";

  private static List<String> codes(SeoAnalysis a) {
    return a.findings().stream().map(SeoFinding::code).toList();
  }

  @Test
  void finds_every_defect_of_a_crafted_page() {
    SeoAnalysis a = analyser.analyse(DEFECTIVE, Optional.empty(), List.of("invoicing", "payroll"));

    assertThat(codes(a)).containsExactlyInAnyOrder(
        "title.too_short", "meta_description.missing", "heading.h1_multiple", "heading.skipped_level",
        "content.thin", "keyword.stuffing", "keyword.missing", "readability.difficult", "image.alt_missing",
        "links.no_internal", "canonical.missing", "robots.noindex");
    assertThat(a.titleLength()).isEqualTo("Cheap invoices".length());
    assertThat(a.headings()).extracting(SeoAnalysis.Heading::level).containsExactly(1, 1, 3);
    assertThat(a.imagesWithoutAlt()).containsExactly("hero.png");
    assertThat(a.robots()).contains("noindex, nofollow");
    assertThat(a.links()).isEqualTo(new SeoAnalysis.LinkStats(0, 1, 1));
    assertThat(a.keywordDensity().get("payroll")).isZero();
    assertThat(a.keywordDensity().get("invoicing")).isGreaterThan(3.0);
    assertThat(a.findings().get(0).severity()).isEqualTo(SeoSeverity.HIGH);
    assertThat(a.findings().stream().filter(f -> f.code().equals("heading.skipped_level")).findFirst().get()
        .detail()).contains("h3").contains("h1");
  }

  @Test
  void a_well_built_page_has_no_findings() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append("We help you send a bill fast. ");
      if (i % 12 == 0) {
        body.append("Acme invoicing is easy. ");
      }
    }
    String html = "<html><head><title>Acme invoicing for small shops and cafes</title>"
        + "<meta name=\"description\" content=\"Send invoices in a minute, get paid sooner, and keep your "
        + "books tidy with Acme invoicing for small shops.\">"
        + "<link rel=\"canonical\" href=\"https://acme.example/invoicing\">"
        + "<meta name=\"robots\" content=\"index, follow\"></head><body>"
        + "<h1>Invoicing made easy</h1><h2>Why Acme</h2><h3>Speed</h3><h2>Pricing</h2>"
        + "<p>" + body + "</p><img src=\"a.png\" alt=\"An invoice\"><a href=\"/pricing\">Pricing</a>"
        + "</body></html>";

    SeoAnalysis a = analyser.analyse(html, Optional.of(URI.create("https://acme.example/invoicing")),
        List.of("invoicing"));

    assertThat(a.findings()).isEmpty();
    assertThat(a.wordCount()).isGreaterThanOrEqualTo(300);
    assertThat(a.canonical()).contains("https://acme.example/invoicing");
    assertThat(a.keywordDensity().get("invoicing")).isBetween(0.5, 3.0);
  }

  @Test
  void tells_internal_from_external_links_and_counts_nofollow() {
    String html = "<body><a href=\"/pricing\">a</a><a href=\"https://acme.example/about\">b</a>"
        + "<a href=\"#top\">c</a><a href=\"https://other.example/\" rel=\"nofollow noopener\">d</a>"
        + "<a href=\"mailto:hi@acme.example\">e</a></body>";

    SeoAnalysis a = analyser.analyse(html, Optional.of(URI.create("https://acme.example/")), List.of());

    assertThat(a.links()).isEqualTo(new SeoAnalysis.LinkStats(3, 1, 1));
  }

  @Test
  void flags_long_title_and_description() {
    String html = "<head><title>" + "x".repeat(61) + "</title><meta name=\"description\" content=\""
        + "y".repeat(161) + "\"></head><body><h1>t</h1></body>";

    SeoAnalysis a = analyser.analyse(html, Optional.empty(), List.of());

    assertThat(codes(a)).contains("title.too_long", "meta_description.too_long");
  }

  @Test
  void computes_flesch_reading_ease_from_words_sentences_and_syllables() {
    String text = "The cat sat on the mat.";
    double score = SeoAnalyser.fleschReadingEase(text, SeoAnalyser.words(text));

    assertThat(score).isCloseTo(206.835 - 1.015 * 6 - 84.6 * 1.0, within(0.001));
    assertThat(SeoAnalyser.syllables("invoicing")).isEqualTo(3);
    assertThat(SeoAnalyser.syllables("make")).isEqualTo(1);
    assertThat(SeoAnalyser.syllables("table")).isEqualTo(2);
  }

  @Test
  void counts_multi_word_keyword_phrases() {
    String html = "<body><p>small business invoicing helps every small business grow</p></body>";

    SeoAnalysis a = analyser.analyse(html, Optional.empty(), List.of("small business"));

    assertThat(a.wordCount()).isEqualTo(8);
    assertThat(a.keywordDensity().get("small business")).isEqualTo(50.0);
  }

  @Test
  void standard_fixes_follow_severity_order() {
    SeoAnalysis a = analyser.analyse(DEFECTIVE, Optional.empty(), List.of("invoicing"));

    List<SeoFix> fixes = SeoAnalyser.standardFixes(a);

    assertThat(fixes).hasSize(a.findings().size());
    assertThat(fixes.get(0).priority()).isEqualTo(1);
    assertThat(fixes.get(0).findingCode()).isIn("meta_description.missing", "robots.noindex");
    assertThat(fixes).extracting(SeoFix::findingCode).endsWith("canonical.missing");
  }
}
