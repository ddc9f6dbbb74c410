package dev.bizo.agents.internal;

import dev.bizo.agents.AgentRole;
import dev.bizo.agents.CampaignContent;
import dev.bizo.agents.StrategyPlan;
import dev.bizo.agents.spi.BrandNote;
import dev.bizo.core.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Content creator: copy must cite brand notes that the search tool actually returned. */
public final class ContentCreatorBehaviour implements AgentBehaviour<CampaignContent> {

  static final String SHAPE = "{\"email\":{\"subject\":\"...\",\"body\":\"...\"},"
      + "\"ad\":{\"headline\":\"...\",\"body\":\"...\"},"
      + "\"landingPage\":{\"title\":\"30-60 chars\",\"metaDescription\":\"70-160 chars\",\"headline\":\"...\","
      + "\"sections\":[{\"heading\":\"...\",\"body\":\"...\"}]},"
      + "\"brandNoteIds\":[\"ids of the brand notes you used\"],\"summary\":\"...\"}";

  @Override
  public CampaignContent run(StepContext ctx) {
    if (ctx.model().isPresent()) {
      Set<String> seen = new HashSet<>();
      ToolBinding search = MarketingTools.searchBrandNotes(ctx);
      ToolBinding tracking = new ToolBinding(search.specification(), args -> {
        Object found = search.body().apply(args);
        for (Object note : (List<?>) found) {
          seen.add(((BrandNote) note).id());
        }
        return found;
      });
      return ctx.model().get().converse(ctx.step(), AgentBehaviour.systemPrompt(ctx, SHAPE)
              + "\nSearch the brand notes first and ground every claim in them.",
          AgentBehaviour.userPrompt(ctx), List.of(tracking), CampaignContent.class, content -> {
            if (content.brandNoteIds().isEmpty() || !seen.containsAll(content.brandNoteIds())) {
              throw ValidationException.ofField("brandNoteIds", "content.ungrounded",
                  "brandNoteIds must list notes returned by search_brand_notes; returned so far: " + seen);
            }
          });
    }
    String keyword = ctx.task().keywords().isEmpty() ? "our offer" : ctx.task().keywords().get(0);
    String segment = ctx.prior(AgentRole.STRATEGIST, StrategyPlan.class)
        .map(p -> p.segments().get(0).name()).orElse("our customers");
    String query = ctx.task().instruction() + " " + String.join(" ", ctx.task().keywords());
    @SuppressWarnings("unchecked")
    List<BrandNote> notes = ctx.use(MarketingTools.searchBrandNotes(ctx),
        Json.write(java.util.Map.of("query", query, "limit", 3)), List.class);
    List<String> ids = new ArrayList<>();
    List<CampaignContent.Section> sections = new ArrayList<>();
    for (BrandNote note : notes) {
      ids.add(note.id());
      sections.add(new CampaignContent.Section(headingFor(note.text()), note.text()));
    }
    String keywordTitle = capitalise(keyword);
    if (sections.isEmpty()) {
      sections.add(new CampaignContent.Section("Why " + keyword,
          "Tell us about your needs and we will show how " + keyword + " helps " + segment + "."));
    }
    String lead = notes.isEmpty() ? keywordTitle + " for " + segment + "." : notes.get(0).text();
    String title = clamp(keywordTitle + " for " + segment + " | Get started today", 60);
    String description = clamp(keywordTitle + " made simple for " + segment + ". " + lead, 155);
    return new CampaignContent(
        new CampaignContent.Email(clamp(keywordTitle + ": made for " + segment, 120),
            "Hello,\n\n" + lead + "\n\nReply to this email to learn more about " + keyword + "."),
        new CampaignContent.Ad(clamp(keywordTitle + " for " + segment, 90), clamp(lead, 180)),
        new CampaignContent.LandingPage(title, description, keywordTitle + " for " + segment, sections),
        ids,
        "[offline template] Copy for " + segment + " around '" + keyword + "', grounded in " + ids.size()
            + " brand note(s).");
  }

  private static String headingFor(String text) {
    String[] words = text.split("\\s+");
    return capitalise(String.join(" ", java.util.Arrays.copyOf(words, Math.min(6, words.length)))
        .replaceAll("[.,;:!?]+$", ""));
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String clamp(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1).trim() + "…";
  }
}
