package dev.bizo.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.tools.SeoAnalysis;
import dev.bizo.core.ValidationException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The agents' tools, bound to one step's tenant and task. */
public final class MarketingTools {

  /** Tool name. */
  public static final String LEAD_ANALYTICS = "lead_analytics";
  /** Tool name. */
  public static final String PAYMENT_ANALYTICS = "payment_analytics";
  /** Tool name. */
  public static final String TOP_SCORED_LEADS = "top_scored_leads";
  /** Tool name. */
  public static final String SEARCH_BRAND_NOTES = "search_brand_notes";
  /** Tool name. */
  public static final String ANALYSE_SEO = "analyse_seo";

  private MarketingTools() {}

  /**
   * Lead analytics for a period (the task's period unless from/to are given).
   *
   * @param ctx the step
   * @return the tool
   */
  public static ToolBinding leadAnalytics(StepContext ctx) {
    return new ToolBinding(periodSpec(LEAD_ANALYTICS,
        "New, qualified and converted leads, per channel and per segment, for a period."),
        args -> ctx.data().leadAnalytics(ctx.tenant(), period(args, ctx.task().period())));
  }

  /**
   * Payment analytics for a period.
   *
   * @param ctx the step
   * @return the tool
   */
  public static ToolBinding paymentAnalytics(StepContext ctx) {
    return new ToolBinding(periodSpec(PAYMENT_ANALYTICS,
        "Gross revenue, refunds, and successful/failed payment counts for a period."),
        args -> ctx.data().paymentAnalytics(ctx.tenant(), period(args, ctx.task().period())));
  }

  /**
   * The CRM's best-scored open leads with explanations.
   *
   * @param ctx the step
   * @return the tool
   */
  public static ToolBinding topScoredLeads(StepContext ctx) {
    return new ToolBinding(ToolSpecification.builder().name(TOP_SCORED_LEADS)
        .description("Open leads with the CRM's score (0-100) and the scorer's explanations, best first.")
        .parameters(JsonObjectSchema.builder().addIntegerProperty("limit", "how many leads, 1-100").build())
        .build(),
        args -> ctx.data().topScoredLeads(ctx.tenant(),
            Math.max(1, Math.min(100, args.path("limit").asInt(ctx.task().leadLimit())))));
  }

  /**
   * Semantic search over brand notes.
   *
   * @param ctx the step
   * @return the tool
   */
  public static ToolBinding searchBrandNotes(StepContext ctx) {
    return new ToolBinding(ToolSpecification.builder().name(SEARCH_BRAND_NOTES)
        .description("Finds passages in the brand notes (voice, claims, product facts) relevant to a query.")
        .parameters(JsonObjectSchema.builder()
            .addStringProperty("query", "what to look for")
            .addIntegerProperty("limit", "how many passages, 1-10")
            .required("query").build())
        .build(),
        args -> {
          String query = args.path("query").asText("");
          if (query.isBlank()) {
            throw ValidationException.ofField("query", "tool.argument_missing", "query is required");
          }
          return ctx.data().searchBrandNotes(ctx.tenant(), query,
              Math.max(1, Math.min(10, args.path("limit").asInt(5))));
        });
  }

  /**
   * The SEO analyser on raw HTML, a URL (fetched through the SSRF guard) or, without either, the task's page.
   *
   * @param ctx the step
   * @param onResult receives each analysis, so the agent can keep the measured facts
   * @return the tool
   */
  public static ToolBinding analyseSeo(StepContext ctx, Consumer<SeoAnalysis> onResult) {
    return new ToolBinding(ToolSpecification.builder().name(ANALYSE_SEO)
        .description("Analyses a page's on-page SEO: title, meta description, headings, words, keyword "
            + "density, readability, links, image alt text, canonical, robots. Give html or url; without "
            + "either the page of the task is analysed.")
        .parameters(JsonObjectSchema.builder()
            .addStringProperty("html", "raw HTML of the page")
            .addStringProperty("url", "http(s) URL of the page")
            .addProperty("keywords", JsonArraySchema.builder().items(new JsonStringSchema()).build())
            .build())
        .build(),
        args -> {
          List<String> keywords = new ArrayList<>();
          args.path("keywords").forEach(k -> keywords.add(k.asText()));
          if (keywords.isEmpty()) {
            keywords.addAll(ctx.task().keywords());
          }
          SeoAnalysis analysis;
          if (args.hasNonNull("html")) {
            analysis = ctx.analyser().analyse(args.get("html").asText(), Optional.empty(), keywords);
          } else if (args.hasNonNull("url")) {
            analysis = fetchAndAnalyse(ctx, parseUrl(args.get("url").asText()), keywords);
          } else if (ctx.task().pageHtml().isPresent()) {
            analysis = ctx.analyser().analyse(ctx.task().pageHtml().get(), Optional.empty(), keywords);
          } else if (ctx.task().pageUrl().isPresent()) {
            analysis = fetchAndAnalyse(ctx, ctx.task().pageUrl().get(), keywords);
          } else {
            throw ValidationException.ofField("html", "tool.argument_missing", "give html or url");
          }
          onResult.accept(analysis);
          return analysis;
        });
  }

  private static SeoAnalysis fetchAndAnalyse(StepContext ctx, URI url, List<String> keywords) {
    var page = ctx.fetcher().fetch(url);
    return ctx.analyser().analyse(page.body(), Optional.of(page.url()), keywords);
  }

  private static URI parseUrl(String text) {
    try {
      return new URI(text.trim());
    } catch (URISyntaxException e) {
      throw ValidationException.ofField("url", "tool.url_invalid", "not a URL: " + text);
    }
  }

  private static ToolSpecification periodSpec(String name, String description) {
    return ToolSpecification.builder().name(name).description(description)
        .parameters(JsonObjectSchema.builder()
            .addStringProperty("from", "first day, ISO yyyy-mm-dd; default: the task's period")
            .addStringProperty("to", "last day, ISO yyyy-mm-dd")
            .build())
        .build();
  }

  private static DayRange period(JsonNode args, DayRange fallback) {
    if (!args.hasNonNull("from") || !args.hasNonNull("to")) {
      return fallback;
    }
    try {
      return new DayRange(LocalDate.parse(args.get("from").asText()), LocalDate.parse(args.get("to").asText()));
    } catch (DateTimeParseException e) {
      throw ValidationException.ofField("from", "tool.date_invalid", "dates must be yyyy-mm-dd");
    }
  }
}
