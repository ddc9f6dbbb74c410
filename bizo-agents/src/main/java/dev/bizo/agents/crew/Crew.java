package dev.bizo.agents.crew;

import dev.bizo.agents.AgentRole;
import dev.bizo.core.ValidationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A team of agents and how they work together, after CrewAI's processes and LangChain4j's agentic patterns:
 * <ul>
 *   <li>{@link Process#SEQUENTIAL}: tasks run in order, each seeing the earlier outputs;</li>
 *   <li>{@link Process#PARALLEL}: tasks run at once, independently;</li>
 *   <li>{@link Process#SUPERVISED}: a supervisor repeatedly picks the next member (only from the crew's closed
 *       set; invalid picks are re-asked with the error a bounded number of times) until it answers DONE.</li>
 * </ul>
 *
 * @param name the crew's name, used in traces
 * @param process how the crew works
 * @param tasks the tasks (sequential and parallel crews)
 * @param members the members a supervisor may choose from (supervised crews)
 * @param goal the supervisor's goal (supervised crews)
 */
public record Crew(String name, Process process, List<CrewTask> tasks, Set<AgentRole> members, String goal) {

  /** How a crew works. */
  public enum Process {
    /** One task after another. */
    SEQUENTIAL,
    /** All tasks at once. */
    PARALLEL,
    /** A supervisor routes work to members. */
    SUPERVISED
  }

  /** Validates the crew. */
  public Crew {
    if (name == null || name.isBlank()) {
      throw ValidationException.ofField("name", "crew.name_blank", "crew name is blank");
    }
    Objects.requireNonNull(process, "process");
    tasks = List.copyOf(tasks);
    members = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(members));
    Objects.requireNonNull(goal, "goal");
    if (process == Process.SUPERVISED ? members.isEmpty() : tasks.isEmpty()) {
      throw ValidationException.ofField("tasks", "crew.empty", "a crew needs at least one task or member");
    }
  }

  /**
   * A sequential crew.
   *
   * @param name the name
   * @param tasks the tasks in order
   * @return the crew
   */
  public static Crew sequential(String name, CrewTask... tasks) {
    return new Crew(name, Process.SEQUENTIAL, List.of(tasks), Set.of(), "");
  }

  /**
   * A parallel crew.
   *
   * @param name the name
   * @param tasks the independent tasks
   * @return the crew
   */
  public static Crew parallel(String name, CrewTask... tasks) {
    return new Crew(name, Process.PARALLEL, List.of(tasks), Set.of(), "");
  }

  /**
   * A supervised (hierarchical) crew.
   *
   * @param name the name
   * @param goal what the supervisor must achieve
   * @param members the only agents it may choose, in the order the offline supervisor uses them
   * @return the crew
   */
  public static Crew supervised(String name, String goal, List<AgentRole> members) {
    return new Crew(name, Process.SUPERVISED, List.of(), new LinkedHashSet<>(members), goal);
  }

  /**
   * The built-in campaign crew: strategist, then content creator, then the SEO analyser on the generated
   * landing page, then the period report.
   *
   * @return the crew
   */
  public static Crew campaign() {
    return sequential("campaign",
        new CrewTask(AgentRole.STRATEGIST, "Plan the campaign: segments, channels and budget split."),
        new CrewTask(AgentRole.CONTENT_CREATOR, "Write the campaign email, ad and landing page for the plan."),
        new CrewTask(AgentRole.SEO_ANALYSER, "Audit the landing page and prioritise fixes."),
        new CrewTask(AgentRole.REPORT_GENERATOR, "Report the period's results that the campaign builds on."));
  }
}
