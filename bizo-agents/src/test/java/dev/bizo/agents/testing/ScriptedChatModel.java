package dev.bizo.agents.testing;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test fixture: a real {@link ChatModel} that replays scripted replies (text or tool-call requests, each with
 * its token usage) and records every request it receives. Running out of script is an error, so a test
 * notices an unexpected extra call.
 */
public final class ScriptedChatModel implements ChatModel {

  private final Deque<ChatResponse> script = new ArrayDeque<>();
  private final List<ChatRequest> requests = new ArrayList<>();
  private Consumer<ChatRequest> onCall = r -> { };
  private int toolCallIds;

  /**
   * Queues a text reply.
   *
   * @param text the reply
   * @param in input tokens reported
   * @param out output tokens reported
   * @return this model
   */
  public ScriptedChatModel replyText(String text, int in, int out) {
    script.add(ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(in, out))
        .finishReason(FinishReason.STOP).build());
    return this;
  }

  /**
   * Queues a reply that asks for one tool call.
   *
   * @param tool the tool name
   * @param argumentsJson the arguments
   * @param in input tokens reported
   * @param out output tokens reported
   * @return this model
   */
  public ScriptedChatModel replyToolCall(String tool, String argumentsJson, int in, int out) {
    ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_" + (++toolCallIds)).name(tool)
        .arguments(argumentsJson).build();
    script.add(ChatResponse.builder().aiMessage(AiMessage.from(call)).tokenUsage(new TokenUsage(in, out))
        .finishReason(FinishReason.TOOL_EXECUTION).build());
    return this;
  }

  /**
   * Queues a text reply without token usage, as some endpoints send.
   *
   * @param text the reply
   * @return this model
   */
  public ScriptedChatModel replyTextWithoutUsage(String text) {
    script.add(ChatResponse.builder().aiMessage(AiMessage.from(text)).build());
    return this;
  }

  /**
   * Runs an action on every call before replying (e.g. advancing a test clock).
   *
   * @param action the action
   * @return this model
   */
  public ScriptedChatModel onCall(Consumer<ChatRequest> action) {
    this.onCall = action;
    return this;
  }

  /**
   * The requests received so far.
   *
   * @return the requests, oldest first
   */
  public List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Replies not yet used.
   *
   * @return the count
   */
  public int remaining() {
    return script.size();
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    onCall.accept(request);
    ChatResponse next = script.poll();
    if (next == null) {
      throw new IllegalStateException("the script has no reply left for request " + requests.size());
    }
    return next;
  }
}
