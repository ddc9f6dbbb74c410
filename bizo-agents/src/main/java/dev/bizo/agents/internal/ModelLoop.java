package dev.bizo.agents.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.bizo.agents.AgentRunException;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.core.BizoException;
import dev.bizo.core.ValidationException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The conversation of one step with a chat model: offers tools and feeds their results back, then parses the
 * final reply into a record, re-asking with the parse or validation error a bounded number of times.
 */
public final class ModelLoop {

  private final ChatModel model;
  private final int maxRepairs;

  /**
   * A loop on a model.
   *
   * @param model the chat model
   * @param maxRepairs how many times an unusable reply is sent back with its error
   */
  public ModelLoop(ChatModel model, int maxRepairs) {
    this.model = model;
    this.maxRepairs = maxRepairs;
  }

  /**
   * Converses until the model returns a reply that parses into {@code replyType} and passes {@code check}.
   *
   * @param step the step recorder (limits, tokens, tool calls)
   * @param system the system prompt
   * @param user the user prompt
   * @param tools the tools offered
   * @param replyType the record the reply must parse into
   * @param check extra validation, throwing {@link ValidationException} to trigger a repair
   * @param <R> the reply type
   * @return the parsed reply
   * @throws AgentRunException when the reply stays invalid, a limit is hit, or the model fails
   */
  public <R> R converse(StepRecorder step, String system, String user, List<ToolBinding> tools,
      Class<R> replyType, Consumer<R> check) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(system));
    messages.add(UserMessage.from(user));
    Map<String, ToolBinding> byName = new LinkedHashMap<>();
    List<ToolSpecification> specs = new ArrayList<>();
    for (ToolBinding t : tools) {
      byName.put(t.name(), t);
      specs.add(t.specification());
    }
    int repairs = 0;
    while (true) {
      step.beforeModelCall();
      ChatRequest.Builder request = ChatRequest.builder().messages(new ArrayList<>(messages));
      if (!specs.isEmpty()) {
        request.toolSpecifications(specs);
      }
      ChatResponse response;
      try {
        response = model.chat(request.build());
      } catch (BizoException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new AgentRunException(AgentRunException.MODEL_FAILED,
            "the model call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
      AiMessage reply = response.aiMessage();
      step.addTokens(tokensOf(response, messages, reply));
      messages.add(reply);
      if (reply.hasToolExecutionRequests()) {
        for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
          ToolBinding tool = byName.get(call.name());
          String result = tool == null
              ? "error: tool.unknown: there is no tool named '" + call.name() + "'; available: " + byName.keySet()
              : step.callTool(tool, call.arguments());
          messages.add(ToolExecutionResultMessage.from(call, result));
        }
        continue;
      }
      String text = reply.text() == null ? "" : reply.text();
      try {
        R parsed = parse(text, replyType);
        check.accept(parsed);
        return parsed;
      } catch (ValidationException e) {
        String error = describe(e);
        if (repairs >= maxRepairs) {
          throw new AgentRunException(AgentRunException.OUTPUT_INVALID,
              "the reply was still unusable after " + repairs + " repair(s): " + error);
        }
        repairs++;
        step.emit(RunEvent.Type.OUTPUT_REPAIR_REQUESTED, error);
        messages.add(UserMessage.from("Your reply could not be used: " + error
            + "\nReply again with only the corrected JSON object, no other text."));
      }
    }
  }

  static <R> R parse(String text, Class<R> type) {
    String json = extractJson(text);
    com.fasterxml.jackson.databind.JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ValidationException("output.unparseable", "reply is not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), List.of());
    }
    try {
      return Json.MAPPER.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      while (cause != null) {
        if (cause instanceof ValidationException) {
          throw (ValidationException) cause;
        }
        cause = cause.getCause();
      }
      throw new ValidationException("output.unparseable", "JSON does not match the expected shape: "
          + e.getOriginalMessage() + pathOf(e), List.of());
    } catch (JsonProcessingException e) {
      throw new ValidationException("output.unparseable", "reply is not valid JSON: " + e.getOriginalMessage(),
          List.of());
    }
  }

  private static String pathOf(JsonMappingException e) {
    String path = e.getPathReference();
    return path == null || path.isEmpty() ? "" : " (at " + path.replaceAll("^[^\\[]*", "") + ")";
  }

  static String extractJson(String text) {
    String t = text.trim();
    int start = t.indexOf('{');
    int end = t.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new ValidationException("output.unparseable", "reply contains no JSON object", List.of());
    }
    return t.substring(start, end + 1);
  }

  private static String describe(ValidationException e) {
    StringBuilder text = new StringBuilder(e.getMessage());
    for (ValidationException.FieldError f : e.fieldErrors()) {
      if (!text.toString().contains(f.message())) {
        text.append("; ").append(f.field()).append(": ").append(f.message());
      }
    }
    return text.toString();
  }

  private static TokenCount tokensOf(ChatResponse response, List<ChatMessage> sent, AiMessage reply) {
    TokenUsage usage = response.tokenUsage();
    long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    if (in <= 0) {
      StringBuilder prompt = new StringBuilder();
      for (ChatMessage m : sent) {
        prompt.append(m.toString());
      }
      in = Math.max(1, TokenEstimator.estimate(prompt.toString()));
    }
    if (out <= 0) {
      String replyText = (reply.text() == null ? "" : reply.text())
          + (reply.hasToolExecutionRequests() ? reply.toolExecutionRequests().toString() : "");
      out = Math.max(1, TokenEstimator.estimate(replyText));
    }
    return new TokenCount(in, out);
  }
}
