package dev.bizo.crm;

import dev.bizo.core.ValidationException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Filters, order and page size of {@link LeadService#query}. Every filter is optional; set ones are
 * combined with AND. Pages are found by keyset on (sort key, id), never by OFFSET: pass the previous
 * page's {@link LeadPage#nextCursor()} to {@link Builder#after(String)}.
 *
 * <pre>{@code
 * LeadQuery q = LeadQuery.builder()
 *     .statuses(EnumSet.of(LeadStatus.NEW)).minScore(60).text("engines")
 *     .sort(LeadSort.SCORE, true).limit(50).build();
 * }</pre>
 */
public final class LeadQuery {

  /** The largest page a query returns. */
  public static final int MAX_LIMIT = 500;

  private final Set<LeadStatus> statuses;
  private final Set<LeadSource> sources;
  private final String owner;
  private final String tag;
  private final Integer minScore;
  private final Integer maxScore;
  private final Instant createdFrom;
  private final Instant createdBefore;
  private final String text;
  private final LeadSort sort;
  private final boolean descending;
  private final int limit;
  private final String cursor;

  private LeadQuery(Builder b) {
    this.statuses = b.statuses.isEmpty() ? Set.of() : Set.copyOf(b.statuses);
    this.sources = b.sources.isEmpty() ? Set.of() : Set.copyOf(b.sources);
    this.owner = b.owner;
    this.tag = b.tag;
    this.minScore = b.minScore;
    this.maxScore = b.maxScore;
    this.createdFrom = b.createdFrom;
    this.createdBefore = b.createdBefore;
    this.text = b.text;
    this.sort = b.sort;
    this.descending = b.descending;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  /** A query for every lead, newest first, 50 per page. */
  public static Builder builder() {
    return new Builder();
  }

  /** Statuses to keep; empty keeps all. */
  public Set<LeadStatus> statuses() {
    return statuses;
  }

  /** Sources to keep; empty keeps all. */
  public Set<LeadSource> sources() {
    return sources;
  }

  /** The owner to keep. */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /** A tag the lead must carry. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The lowest score kept, inclusive. */
  public Optional<Integer> minScore() {
    return Optional.ofNullable(minScore);
  }

  /** The highest score kept, inclusive. */
  public Optional<Integer> maxScore() {
    return Optional.ofNullable(maxScore);
  }

  /** The earliest creation time kept, inclusive. */
  public Optional<Instant> createdFrom() {
    return Optional.ofNullable(createdFrom);
  }

  /** The creation time before which leads are kept, exclusive. */
  public Optional<Instant> createdBefore() {
    return Optional.ofNullable(createdBefore);
  }

  /** Words that must each start a word of the name, e-mail, company or job title. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** The sort key. */
  public LeadSort sort() {
    return sort;
  }

  /** Whether the order is descending. */
  public boolean descending() {
    return descending;
  }

  /** The page size. */
  public int limit() {
    return limit;
  }

  /** The cursor of the page to continue after. */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /** Collects a {@link LeadQuery}. */
  public static final class Builder {
    private Set<LeadStatus> statuses = EnumSet.noneOf(LeadStatus.class);
    private Set<LeadSource> sources = EnumSet.noneOf(LeadSource.class);
    private String owner;
    private String tag;
    private Integer minScore;
    private Integer maxScore;
    private Instant createdFrom;
    private Instant createdBefore;
    private String text;
    private LeadSort sort = LeadSort.CREATED_AT;
    private boolean descending = true;
    private int limit = 50;
    private String cursor;

    private Builder() {}

    /** Keeps leads in one of these statuses. */
    public Builder statuses(Set<LeadStatus> value) {
      this.statuses = EnumSet.noneOf(LeadStatus.class);
      this.statuses.addAll(value);
      return this;
    }

    /** Keeps leads from one of these sources. */
    public Builder sources(Set<LeadSource> value) {
      this.sources = EnumSet.noneOf(LeadSource.class);
      this.sources.addAll(value);
      return this;
    }

    /** Keeps leads owned by {@code value}. */
    public Builder owner(String value) {
      this.owner = blankToNull(value);
      return this;
    }

    /** Keeps leads tagged {@code value} (tags are lower-case). */
    public Builder tag(String value) {
      this.tag = value == null ? null : blankToNull(value.toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    /** Keeps leads scoring at least {@code value}. */
    public Builder minScore(int value) {
      this.minScore = value;
      return this;
    }

    /** Keeps leads scoring at most {@code value}. */
    public Builder maxScore(int value) {
      this.maxScore = value;
      return this;
    }

    /** Keeps leads created in [from, before). Either bound may be null. */
    public Builder created(Instant from, Instant before) {
      this.createdFrom = from;
      this.createdBefore = before;
      return this;
    }

    /** Keeps leads whose name, e-mail, company or title has words starting with each given word. */
    public Builder text(String value) {
      this.text = blankToNull(value);
      return this;
    }

    /** Orders by {@code key}, descending or not, then by id in the same direction. */
    public Builder sort(LeadSort key, boolean descending) {
      this.sort = Objects.requireNonNull(key, "key");
      this.descending = descending;
      return this;
    }

    /** The page size, 1 to {@link #MAX_LIMIT}. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Continues after the page that returned {@code nextCursor}. */
    public Builder after(String nextCursor) {
      this.cursor = blankToNull(nextCursor);
      return this;
    }

    /** Validates and builds. */
    public LeadQuery build() {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ValidationException.ofField("limit", "out_of_range", "limit must be 1-" + MAX_LIMIT);
      }
      if (minScore != null && maxScore != null && minScore > maxScore) {
        throw ValidationException.ofField("minScore", "above_max", "minScore is above maxScore");
      }
      if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
        throw ValidationException.ofField("created", "empty_range", "created range is empty");
      }
      return new LeadQuery(this);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }
  }
}
