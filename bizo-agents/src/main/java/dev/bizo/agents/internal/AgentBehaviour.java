package dev.bizo.agents.internal;

/**
 * What one agent does in a step, with a model or offline.
 *
 * @param <O> its output
 */
public interface AgentBehaviour<O> {

  /**
   * Runs the step.
   *
   * @param ctx the step's context
   * @return the output
   */
  O run(StepContext ctx);

  /**
   * The system prompt for a model.
   *
   * @param ctx the step's context
   * @param replyShape an example of the JSON reply
   * @return the prompt
   */
  static String systemPrompt(StepContext ctx, String replyShape) {
    return "You are the " + ctx.role().title() + " of a small marketing team.\nGoal: " + ctx.role().goal()
        + "\nUse the tools for every fact and figure; never invent numbers, leads or brand claims."
        + "\nReply with only one JSON object of this shape, no prose around it:\n" + replyShape;
  }

  /**
   * The user prompt: the instruction plus the task's parameters and earlier crew outputs.
   *
   * @param ctx the step's context
   * @return the prompt
   */
  static String userPrompt(StepContext ctx) {
    StringBuilder p = new StringBuilder(ctx.task().instruction());
    p.append("\nPeriod: ").append(ctx.task().period());
    if (!ctx.task().keywords().isEmpty()) {
      p.append("\nTarget terms: ").append(String.join(", ", ctx.task().keywords()));
    }
    ctx.prior().forEach((role, output) ->
        p.append("\nOutput of the ").append(role.id()).append(": ").append(Json.write(output)));
    return p.toString();
  }
}
