package dev.bizo.agents.internal;

import dev.bizo.agents.AgentRole;
import dev.bizo.agents.AgentRunException;
import dev.bizo.agents.CampaignContent;
import dev.bizo.agents.SeoAudit;
import dev.bizo.agents.tools.SeoAnalyser;
import dev.bizo.agents.tools.SeoAnalysis;
import dev.bizo.agents.tools.SeoFinding;
import dev.bizo.agents.tools.SeoFix;
import dev.bizo.core.ValidationException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** SEO analyser: the analysis is always the tool's; the model only orders and words the fixes. */
public final class SeoAnalyserBehaviour implements AgentBehaviour<SeoAudit> {

  /** What the model returns. */
  record Advice(List<SeoFix> fixes, String summary) {
    Advice {
      if (fixes == null) {
        throw ValidationException.ofField("fixes", "output.missing", "fixes is required (may be an empty list)");
      }
      if (summary == null || summary.isBlank()) {
        throw ValidationException.ofField("summary", "output.blank", "summary must not be blank");
      }
    }
  }

  static final String SHAPE = "{\"fixes\":[{\"priority\":1,\"findingCode\":\"a code from the tool's findings\","
      + "\"action\":\"...\"}],\"summary\":\"...\"}";

  @Override
  public SeoAudit run(StepContext ctx) {
    StepContext effective = withLandingPage(ctx);
    AtomicReference<SeoAnalysis> analysis = new AtomicReference<>();
    ToolBinding tool = MarketingTools.analyseSeo(effective, analysis::set);
    if (ctx.model().isPresent()) {
      Advice advice = ctx.model().get().converse(ctx.step(), AgentBehaviour.systemPrompt(ctx, SHAPE)
              + "\nCall analyse_seo first; every fix must address one of its findings.",
          AgentBehaviour.userPrompt(effective), List.of(tool), Advice.class, a -> {
            if (analysis.get() == null) {
              throw ValidationException.ofField("fixes", "seo.not_analysed",
                  "call the analyse_seo tool before proposing fixes");
            }
            Set<String> codes = analysis.get().findings().stream().map(SeoFinding::code).collect(Collectors.toSet());
            for (SeoFix fix : a.fixes()) {
              if (!codes.contains(fix.findingCode())) {
                throw ValidationException.ofField("fixes.findingCode", "seo.unknown_finding",
                    "'" + fix.findingCode() + "' is not a finding of the analysis; findings are " + codes);
              }
            }
          });
      return new SeoAudit(analysis.get(), advice.fixes(), advice.summary());
    }
    SeoAnalysis result = ctx.use(tool, "{}", SeoAnalysis.class);
    return new SeoAudit(result, SeoAnalyser.standardFixes(result),
        "[offline template] " + result.findings().size() + " finding(s), "
            + result.findings().stream().filter(f -> f.severity().name().equals("HIGH")).count()
            + " of high severity; " + result.wordCount() + " words, Flesch reading ease "
            + result.fleschReadingEase() + ".");
  }

  private static StepContext withLandingPage(StepContext ctx) {
    if (ctx.task().pageHtml().isPresent() || ctx.task().pageUrl().isPresent()) {
      return ctx;
    }
    java.util.Optional<String> landing = ctx.prior(AgentRole.CONTENT_CREATOR, CampaignContent.class)
        .map(c -> c.landingPage().toHtml());
    if (landing.isEmpty() && ctx.model().isPresent()) {
      return ctx; // the model may pass html or url to the tool itself
    }
    String html = landing.orElseThrow(() -> new AgentRunException(AgentRunException.INPUT_MISSING,
        "the SEO analyser needs page HTML, a page URL, or a content creator's landing page"));
    return new StepContext(ctx.role(), ctx.tenant(), ctx.task().withPageHtml(html), ctx.step(), ctx.data(),
        ctx.fetcher(), ctx.analyser(), ctx.model(), ctx.prior());
  }
}
