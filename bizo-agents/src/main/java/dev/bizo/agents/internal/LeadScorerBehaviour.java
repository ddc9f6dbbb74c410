package dev.bizo.agents.internal;

import dev.bizo.agents.LeadRanking;
import dev.bizo.agents.spi.ScoredLead;
import dev.bizo.core.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lead scorer: ranking always follows the CRM's scores; the model only suggests next actions. */
public final class LeadScorerBehaviour implements AgentBehaviour<LeadRanking> {

  /** One suggestion from the model. */
  record Suggestion(String leadId, String nextAction) {}

  /** What the model returns. */
  record Advice(List<Suggestion> leads, String summary) {
    Advice {
      if (leads == null) {
        throw ValidationException.ofField("leads", "output.missing", "leads is required (may be an empty list)");
      }
      for (Suggestion s : leads) {
        if (s == null || s.leadId() == null || s.leadId().isBlank()) {
          throw ValidationException.ofField("leads.leadId", "output.missing", "every entry needs a leadId");
        }
      }
      if (summary == null || summary.isBlank()) {
        throw ValidationException.ofField("summary", "output.blank", "summary must not be blank");
      }
    }
  }

  static final String SHAPE = "{\"leads\":[{\"leadId\":\"an id from top_scored_leads\",\"nextAction\":\"...\"}],"
      + "\"summary\":\"...\"}";

  @Override
  public LeadRanking run(StepContext ctx) {
    String args = Json.write(Map.of("limit", ctx.task().leadLimit()));
    if (ctx.model().isPresent()) {
      Map<String, ScoredLead> fetched = new LinkedHashMap<>();
      ToolBinding tool = MarketingTools.topScoredLeads(ctx);
      ToolBinding tracking = new ToolBinding(tool.specification(), a -> {
        Object leads = tool.body().apply(a);
        for (Object l : (List<?>) leads) {
          fetched.put(((ScoredLead) l).leadId(), (ScoredLead) l);
        }
        return leads;
      });
      Advice advice = ctx.model().get().converse(ctx.step(), AgentBehaviour.systemPrompt(ctx, SHAPE),
          AgentBehaviour.userPrompt(ctx), List.of(tracking), Advice.class, a -> {
            if (fetched.isEmpty()) {
              throw ValidationException.ofField("leads", "ranking.not_fetched",
                  "call top_scored_leads before suggesting actions");
            }
            for (Suggestion s : a.leads()) {
              if (!fetched.containsKey(s.leadId())) {
                throw ValidationException.ofField("leads.leadId", "ranking.unknown_lead",
                    "lead '" + s.leadId() + "' was not returned by top_scored_leads; known: " + fetched.keySet());
              }
            }
          });
      Map<String, String> actions = new LinkedHashMap<>();
      for (Suggestion s : advice.leads()) {
        actions.put(s.leadId(), s.nextAction());
      }
      return rank(new ArrayList<>(fetched.values()), actions, advice.summary());
    }
    @SuppressWarnings("unchecked")
    List<ScoredLead> leads = ctx.use(MarketingTools.topScoredLeads(ctx), args, List.class);
    return rank(leads, Map.of(), "[offline template] " + leads.size() + " lead(s) ranked by CRM score; "
        + leads.stream().filter(l -> l.score() >= 80).count() + " are hot (score 80 or more).");
  }

  static LeadRanking rank(List<ScoredLead> leads, Map<String, String> actions, String summary) {
    List<ScoredLead> sorted = new ArrayList<>(leads);
    sorted.sort((a, b) -> Integer.compare(b.score(), a.score()));
    List<LeadRanking.RankedLead> ranked = new ArrayList<>();
    int rank = 1;
    for (ScoredLead l : sorted) {
      String action = actions.get(l.leadId());
      ranked.add(new LeadRanking.RankedLead(rank++, l.leadId(), l.name(), l.score(), l.explanations(),
          action == null || action.isBlank() ? ruleAction(l) : action));
    }
    return new LeadRanking(ranked, summary);
  }

  static String ruleAction(ScoredLead lead) {
    String why = lead.explanations().isEmpty() ? "" : " (" + lead.explanations().get(0) + ")";
    if (lead.score() >= 80) {
      return "Call within 24 hours" + why;
    }
    if (lead.score() >= 50) {
      return "Send a tailored follow-up email this week" + why;
    }
    return "Add to the nurture sequence" + why;
  }
}
