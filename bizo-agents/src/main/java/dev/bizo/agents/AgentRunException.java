package dev.bizo.agents;

import dev.bizo.core.NonRetriableException;

/**
 * Why an agent step or run could not finish. Runs catch it and end {@code FAILED} with the partial trace; it
 * reaches callers only through {@link AgentResult#orElseThrow()}.
 */
public class AgentRunException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** The run took more steps than allowed. */
  public static final String STEP_LIMIT = "agent.limit.steps";
  /** The run used more tokens than allowed. */
  public static final String TOKEN_LIMIT = "agent.limit.tokens";
  /** The run took longer than allowed. */
  public static final String TIMEOUT = "agent.limit.timeout";
  /** One step made more model calls than allowed. */
  public static final String MODEL_CALL_LIMIT = "agent.limit.model_calls";
  /** The model's structured output stayed invalid after the allowed repairs. */
  public static final String OUTPUT_INVALID = "agent.output_invalid";
  /** The model endpoint failed. */
  public static final String MODEL_FAILED = "agent.model_failed";
  /** The supervisor kept choosing agents outside the crew. */
  public static final String SUPERVISOR_INVALID_CHOICE = "crew.supervisor_invalid_choice";
  /** A step needed input that was not given. */
  public static final String INPUT_MISSING = "agent.input_missing";

  /**
   * Creates the exception.
   *
   * @param code one of the constants of this class
   * @param message detail
   */
  public AgentRunException(String code, String message) {
    super(code, message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param code one of the constants of this class
   * @param message detail
   * @param cause the cause
   */
  public AgentRunException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
