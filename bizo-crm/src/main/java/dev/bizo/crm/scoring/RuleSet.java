package dev.bizo.crm.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.LeadSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tenant's scoring rules: a base score plus groups of fit and engagement rules, each group
 * optionally capped; the total is clamped to 0–100. Build one with {@link #builder()}, parse one
 * with {@link #fromJson(String)}, or start from {@link #defaults()}.
 *
 * <p>JSON shape:
 *
 * <pre>{@code
 * {"base": 50,
 *  "groups": [
 *    {"name": "fit", "cap": 40, "fit": [
 *       {"label": "Has a company", "field": "COMPANY", "operator": "PRESENT", "points": 20}]},
 *    {"name": "engagement", "cap": 30, "engagement": [
 *       {"label": "Email clicks", "activity": "EMAIL_CLICK", "points": 5, "halfLifeDays": 14}]}]}
 * }</pre>
 *
 * @param base points every lead starts with, 0–100
 * @param groups the rule groups, applied in order
 */
public record RuleSet(Integer base, List<ScoreGroup> groups) {

  /**
   * The seeds' per-source points, used by {@link #defaults()}. The seeds never published theirs;
   * these are Bizo's documented choice: warm introductions first, cold outreach last.
   */
  public static final Map<LeadSource, Integer> DEFAULT_SOURCE_POINTS = defaultSourcePoints();

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  public RuleSet {
    groups = groups == null ? List.of() : List.copyOf(groups);
    List<FieldError> errors = new ArrayList<>();
    if (base == null || base < LeadScore.MIN || base > LeadScore.MAX) {
      errors.add(new FieldError("base", "out_of_range", "base must be 0-100"));
    }
    long distinct = groups.stream().map(ScoreGroup::name).distinct().count();
    if (distinct != groups.size()) {
      errors.add(new FieldError("groups", "duplicate_name", "group names must be unique"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static Map<LeadSource, Integer> defaultSourcePoints() {
    Map<LeadSource, Integer> m = new EnumMap<>(LeadSource.class);
    m.put(LeadSource.REFERRAL, 15);
    m.put(LeadSource.WEBSITE, 10);
    m.put(LeadSource.EVENT, 10);
    m.put(LeadSource.PARTNER, 10);
    m.put(LeadSource.SOCIAL_MEDIA, 5);
    m.put(LeadSource.EMAIL, 5);
    m.put(LeadSource.PAID_ADS, 5);
    m.put(LeadSource.COLD_OUTREACH, 0);
    m.put(LeadSource.OTHER, 0);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The seeds' rule, as the default rule set: {@code 50, +20 if a company is present, +20 if the
   * title contains "ceo" (any case), + the source's points from} {@link #DEFAULT_SOURCE_POINTS},
   * capped at 100.
   */
  public static RuleSet defaults() {
    Builder b = builder().base(50);
    b.group(
        "fit",
        null,
        List.of(
            FitRule.of("Has a company", LeadField.COMPANY, FitOperator.PRESENT, 20),
            FitRule.of("Title contains \"ceo\"", LeadField.JOB_TITLE, FitOperator.CONTAINS, 20, "ceo")),
        List.of());
    List<FitRule> sources = new ArrayList<>();
    DEFAULT_SOURCE_POINTS.forEach(
        (source, points) -> {
          if (points != 0) {
            sources.add(
                FitRule.of(
                    "Source " + source.name(),
                    LeadField.SOURCE,
                    FitOperator.EQUALS,
                    points,
                    source.name()));
          }
        });
    b.group("source", null, sources, List.of());
    return b.build();
  }

  /** An empty builder with base 0. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses and validates a rule set.
   *
   * @param json the JSON text
   * @return the rule set
   * @throws ValidationException with one field error per problem, its field a path such as {@code
   *     groups[1].fit[0].operator}; unknown properties are refused with code {@code unknown_field}
   */
  public static RuleSet fromJson(String json) {
    try {
      RuleSet rules = JSON.readValue(json, RuleSet.class);
      if (rules == null) {
        throw ValidationException.ofField("$", "required", "a rule set is required");
      }
      return rules;
    } catch (UnrecognizedPropertyException e) {
      throw ValidationException.ofField(
          path(e), "unknown_field", "unknown property '" + e.getPropertyName() + "'");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof ValidationException) {
        String prefix = path(e);
        List<FieldError> errors =
            ((ValidationException) e.getCause())
                .fieldErrors().stream()
                    .map(
                        f ->
                            new FieldError(
                                prefix.isEmpty() ? f.field() : prefix + "." + f.field(),
                                f.code(),
                                f.message()))
                    .collect(Collectors.toList());
        throw new ValidationException(errors);
      }
      String p = path(e);
      throw ValidationException.ofField(
          p.isEmpty() ? "$" : p, "invalid_value", e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ValidationException.ofField("$", "malformed_json", e.getOriginalMessage());
    }
  }

  /** Canonical JSON for storage; {@link #fromJson(String)} reads it back to an equal rule set. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rule sets are always serializable", e);
    }
  }

  /**
   * A short fingerprint of the rules, {@code r-} and 12 hex digits of SHA-256 over {@link
   * #toJson()}: any change of rules changes the version recorded in score history.
   */
  @JsonIgnore
  public String version() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
      return "r-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** Builds a {@link RuleSet} in code. */
  public static final class Builder {
    private int base;
    private final List<ScoreGroup> groups = new ArrayList<>();

    private Builder() {}

    /** Points every lead starts with. */
    public Builder base(int base) {
      this.base = base;
      return this;
    }

    /** Adds a group; {@code cap} may be {@code null} for no cap. */
    public Builder group(
        String name, Integer cap, List<FitRule> fit, List<EngagementRule> engagement) {
      groups.add(new ScoreGroup(name, cap, fit, engagement));
      return this;
    }

    /** Adds a capped group of engagement rules. */
    public Builder engagement(String name, int cap, EngagementRule... rules) {
      return group(name, cap, List.of(), List.of(rules));
    }

    /** Adds an uncapped group of fit rules. */
    public Builder fit(String name, FitRule... rules) {
      return group(name, null, List.of(rules), List.of());
    }

    /** Validates and builds. */
    public RuleSet build() {
      return new RuleSet(base, groups);
    }
  }

  /** The activity types any rule of this set reacts to. */
  @JsonIgnore
  public java.util.Set<ActivityType> activityTypes() {
    java.util.Set<ActivityType> types = java.util.EnumSet.noneOf(ActivityType.class);
    groups.forEach(g -> g.engagement().forEach(r -> types.add(r.activity())));
    return types;
  }
}
