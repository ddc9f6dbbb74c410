package dev.bizo.agents;

import dev.bizo.agents.spi.DayRange;
import dev.bizo.core.ValidationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent or crew is asked to do. Agents use the parts that concern them: the period for analytics,
 * keywords for content and SEO, a page (raw HTML or a URL fetched through the SSRF guard) for the SEO analyser.
 *
 * @param instruction the request in plain words
 * @param period the analytics period
 * @param keywords target terms, may be empty
 * @param pageHtml raw HTML to analyse, if given
 * @param pageUrl URL to fetch and analyse, if given
 * @param leadLimit how many leads the lead scorer ranks
 */
public record AgentTask(
    String instruction,
    DayRange period,
    List<String> keywords,
    Optional<String> pageHtml,
    Optional<URI> pageUrl,
    int leadLimit) {

  /** Validates the task. */
  public AgentTask {
    if (instruction == null || instruction.isBlank()) {
      throw ValidationException.ofField("instruction", "task.instruction_blank", "instruction is blank");
    }
    Objects.requireNonNull(period, "period");
    keywords = List.copyOf(keywords);
    Objects.requireNonNull(pageHtml, "pageHtml");
    Objects.requireNonNull(pageUrl, "pageUrl");
    if (leadLimit < 1 || leadLimit > 100) {
      throw ValidationException.ofField("leadLimit", "task.lead_limit_range", "leadLimit must be 1..100");
    }
  }

  /**
   * A builder.
   *
   * @param instruction the request
   * @param period the analytics period
   * @return the builder
   */
  public static Builder builder(String instruction, DayRange period) {
    return new Builder(instruction, period);
  }

  /**
   * A copy with another instruction, as a crew gives each member its own.
   *
   * @param newInstruction the instruction
   * @return the copy
   */
  public AgentTask withInstruction(String newInstruction) {
    return new AgentTask(newInstruction, period, keywords, pageHtml, pageUrl, leadLimit);
  }

  /**
   * A copy with raw HTML to analyse (and no URL).
   *
   * @param html the HTML
   * @return the copy
   */
  public AgentTask withPageHtml(String html) {
    return new AgentTask(instruction, period, keywords, Optional.of(html), Optional.empty(), leadLimit);
  }

  /** Builds an {@link AgentTask}. */
  public static final class Builder {
    private final String instruction;
    private final DayRange period;
    private final List<String> keywords = new ArrayList<>();
    private String pageHtml;
    private URI pageUrl;
    private int leadLimit = 10;

    private Builder(String instruction, DayRange period) {
      this.instruction = instruction;
      this.period = period;
    }

    /**
     * Adds target terms.
     *
     * @param terms the terms
     * @return this builder
     */
    public Builder keywords(String... terms) {
      keywords.addAll(List.of(terms));
      return this;
    }

    /**
     * Sets raw HTML for the SEO analyser.
     *
     * @param html the HTML
     * @return this builder
     */
    public Builder pageHtml(String html) {
      this.pageHtml = html;
      return this;
    }

    /**
     * Sets a URL for the SEO analyser.
     *
     * @param url the URL
     * @return this builder
     */
    public Builder pageUrl(URI url) {
      this.pageUrl = url;
      return this;
    }

    /**
     * Sets how many leads to rank.
     *
     * @param limit 1 to 100
     * @return this builder
     */
    public Builder leadLimit(int limit) {
      this.leadLimit = limit;
      return this;
    }

    /**
     * Builds the task.
     *
     * @return the task
     */
    public AgentTask build() {
      return new AgentTask(instruction, period, keywords, Optional.ofNullable(pageHtml),
          Optional.ofNullable(pageUrl), leadLimit);
    }
  }
}
