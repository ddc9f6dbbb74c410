package dev.bizo.agents;

import dev.bizo.agents.crew.Crew;
import dev.bizo.agents.internal.Json;
import dev.bizo.agents.internal.ModelLoop;
import dev.bizo.agents.internal.RunRecorder;
import dev.bizo.agents.internal.StepRecorder;
import dev.bizo.agents.internal.SupervisorDecision;
import dev.bizo.agents.internal.TokenEstimator;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.core.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The supervisor of a {@link Crew.Process#SUPERVISED} crew: asks the model which member works next (or, offline,
 * takes the members in order) and holds it to the crew's members. Out of {@link AgentRuntime}, which runs the
 * steps it chooses.
 */
final class CrewSupervisor {

  static final String SUPERVISOR = "supervisor";
  static final String DONE = "DONE";

  private final Optional<ConfiguredModel> model;
  private final int supervisorRetries;

  CrewSupervisor(Optional<ConfiguredModel> model, int supervisorRetries) {
    this.model = model;
    this.supervisorRetries = supervisorRetries;
  }

  SupervisorDecision decide(RunRecorder rec, Crew crew, AgentTask task, Map<AgentRole, Object> outputs,
      List<AgentRole> done) {
    String members = crew.members().stream().map(m -> m.id() + ": " + m.goal())
        .collect(Collectors.joining("\n"));
    String prompt = "Crew goal: " + crew.goal() + "\nTask: " + task.instruction() + "\nPeriod: " + task.period()
        + "\nCompleted so far: " + done.stream().map(AgentRole::id).collect(Collectors.toList())
        + outputs.entrySet().stream().map(e -> "\nOutput of " + e.getKey().id() + ": " + Json.write(e.getValue()))
            .collect(Collectors.joining());
    StepRecorder step = rec.beginStep(SUPERVISOR, prompt);
    try {
      SupervisorDecision decision;
      if (model.isPresent()) {
        String system = "You supervise a marketing crew. Choose the next member to work, or DONE when the goal"
            + " is met. Members (choose only from these ids):\n" + members
            + "\nReply with only JSON: {\"next\":\"<member id or DONE>\",\"instruction\":\"<what it should do>\"}";
        try {
          decision = new ModelLoop(model.get().model(), supervisorRetries).converse(step, system, prompt, List.of(),
              SupervisorDecision.class, d -> validateChoice(d, crew));
        } catch (AgentRunException e) {
          if (!e.code().equals(AgentRunException.OUTPUT_INVALID)) {
            throw e;
          }
          throw new AgentRunException(AgentRunException.SUPERVISOR_INVALID_CHOICE,
              "the supervisor made no valid choice after " + supervisorRetries + " retries: " + e.getMessage(), e);
        }
      } else {
        decision = crew.members().stream().filter(m -> !done.contains(m)).findFirst()
            .map(m -> new SupervisorDecision(m.id(), "[offline] " + m.goal()))
            .orElse(new SupervisorDecision(DONE, "[offline] every member has worked"));
        step.addTokens(new TokenCount(TokenEstimator.estimate(members + prompt),
            TokenEstimator.estimate(Json.write(decision))));
      }
      step.succeed(Json.write(decision));
      return decision;
    } catch (RuntimeException e) {
      step.fail(AgentRuntime.failureOf(e));
      throw e;
    }
  }

  private static void validateChoice(SupervisorDecision decision, Crew crew) {
    String next = decision.next() == null ? "" : decision.next().trim();
    if (next.equalsIgnoreCase(DONE)) {
      return;
    }
    Optional<AgentRole> role = AgentRole.byId(next);
    if (role.isEmpty() || !crew.members().contains(role.get())) {
      throw ValidationException.ofField("next", "crew.unknown_member", "'" + next
          + "' is not a member of this crew; choose one of "
          + crew.members().stream().map(AgentRole::id).collect(Collectors.toList()) + " or DONE");
    }
  }
}
