package dev.bizo.crm;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A prospective customer of one tenant. Immutable; build one with {@link #builder(TenantId, Clock)}
 * and change one with {@link #toBuilder()}. Every rule is checked at once when building, and all
 * broken rules are reported together in one {@link ValidationException}.
 *
 * <p>Optional fields are returned as {@link Optional}. Custom attributes hold JSON-compatible values
 * only: strings, numbers, booleans, lists and maps of those.
 */
public final class Lead {

  /** Longest accepted free-text field (name, company, title, industry). */
  public static final int MAX_TEXT = 200;

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{5,32}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_:.-]{0,49}");

  static {
    dev.bizo.crm.internal.LeadFields.install(new FieldReader());
  }

  private final LeadId id;
  private final TenantId tenantId;
  private final String name;
  private final EmailAddress email;
  private final String phone;
  private final String company;
  private final String jobTitle;
  private final String industry;
  private final Integer companySize;
  private final String country;
  private final LeadSource source;
  private final Utm utm;
  private final String owner;
  private final Set<String> tags;
  private final Map<String, Object> attributes;
  private final LeadStatus status;
  private final Instant createdAt;
  private final Instant updatedAt;

  private Lead(Builder b, EmailAddress email, Set<String> tags, Map<String, Object> attributes) {
    this.id = b.id;
    this.tenantId = b.tenantId;
    this.name = b.name.trim();
    this.email = email;
    this.phone = trimToNull(b.phone);
    this.company = trimToNull(b.company);
    this.jobTitle = trimToNull(b.jobTitle);
    this.industry = trimToNull(b.industry);
    this.companySize = b.companySize;
    this.country = trimToNull(b.country) == null ? null : b.country.trim().toUpperCase(Locale.ROOT);
    this.source = b.source;
    this.utm = b.utm;
    this.owner = trimToNull(b.owner);
    this.tags = tags;
    this.attributes = attributes;
    this.status = b.status;
    this.createdAt = b.createdAt;
    this.updatedAt = b.updatedAt;
  }

  /**
   * Starts a new lead for a tenant: a fresh {@link LeadId}, status {@link LeadStatus#NEW}, source
   * {@link LeadSource#OTHER}, and both timestamps set from the clock.
   */
  public static Builder builder(TenantId tenantId, Clock clock) {
    Instant now = clock.instant();
    return new Builder()
        .id(LeadId.generate())
        .tenantId(tenantId)
        .createdAt(now)
        .updatedAt(now);
  }

  /** A builder holding this lead's values. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .tenantId(tenantId)
        .name(name)
        .email(email == null ? null : email.value())
        .phone(phone)
        .company(company)
        .jobTitle(jobTitle)
        .industry(industry)
        .companySize(companySize)
        .country(country)
        .source(source)
        .utm(utm)
        .owner(owner)
        .tags(tags)
        .attributes(attributes)
        .status(status)
        .createdAt(createdAt)
        .updatedAt(updatedAt);
  }

  public LeadId id() {
    return id;
  }

  public TenantId tenantId() {
    return tenantId;
  }

  public String name() {
    return name;
  }

  /** The normalized e-mail address; unique per tenant, case-insensitively. */
  public Optional<EmailAddress> email() {
    return Optional.ofNullable(email);
  }

  public Optional<String> phone() {
    return Optional.ofNullable(phone);
  }

  public Optional<String> company() {
    return Optional.ofNullable(company);
  }

  public Optional<String> jobTitle() {
    return Optional.ofNullable(jobTitle);
  }

  public Optional<String> industry() {
    return Optional.ofNullable(industry);
  }

  /** Number of employees at the lead's company, when known. */
  public OptionalInt companySize() {
    return companySize == null ? OptionalInt.empty() : OptionalInt.of(companySize);
  }

  /** ISO 3166-1 alpha-2 country code, upper case. */
  public Optional<String> country() {
    return Optional.ofNullable(country);
  }

  public LeadSource source() {
    return source;
  }

  public Utm utm() {
    return utm;
  }

  /** The user who owns the lead, when assigned. */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /** Lower-case tags, sorted. */
  public Set<String> tags() {
    return tags;
  }

  /** Tenant-defined attributes with JSON-compatible values, in insertion order. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  public LeadStatus status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Lead)) {
      return false;
    }
    Lead l = (Lead) o;
    return id.equals(l.id)
        && tenantId.equals(l.tenantId)
        && name.equals(l.name)
        && Objects.equals(email, l.email)
        && Objects.equals(phone, l.phone)
        && Objects.equals(company, l.company)
        && Objects.equals(jobTitle, l.jobTitle)
        && Objects.equals(industry, l.industry)
        && Objects.equals(companySize, l.companySize)
        && Objects.equals(country, l.country)
        && source == l.source
        && utm.equals(l.utm)
        && Objects.equals(owner, l.owner)
        && tags.equals(l.tags)
        && attributes.equals(l.attributes)
        && status == l.status
        && createdAt.equals(l.createdAt)
        && updatedAt.equals(l.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, tenantId, name, email, status, updatedAt);
  }

  @Override
  public String toString() {
    return "Lead[" + id + ", " + name + ", " + status + "]";
  }

  private static String trimToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Collects a lead's values; {@link #build()} validates them all at once. */
  public static final class Builder {
    private LeadId id;
    private TenantId tenantId;
    private String name;
    private String email;
    private String phone;
    private String company;
    private String jobTitle;
    private String industry;
    private Integer companySize;
    private String country;
    private LeadSource source = LeadSource.OTHER;
    private Utm utm = Utm.NONE;
    private String owner;
    private Collection<String> tags = List.of();
    private Map<String, ?> attributes = Map.of();
    private LeadStatus status = LeadStatus.NEW;
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {}

    public Builder id(LeadId id) {
      this.id = id;
      return this;
    }

    public Builder tenantId(TenantId tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The address as typed; it is trimmed, lower-cased and validated on {@link #build()}. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder phone(String phone) {
      this.phone = phone;
      return this;
    }

    public Builder company(String company) {
      this.company = company;
      return this;
    }

    public Builder jobTitle(String jobTitle) {
      this.jobTitle = jobTitle;
      return this;
    }

    public Builder industry(String industry) {
      this.industry = industry;
      return this;
    }

    public Builder companySize(Integer companySize) {
      this.companySize = companySize;
      return this;
    }

    public Builder country(String country) {
      this.country = country;
      return this;
    }

    public Builder source(LeadSource source) {
      this.source = source;
      return this;
    }

    public Builder utm(Utm utm) {
      this.utm = utm;
      return this;
    }

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Builder tags(Collection<String> tags) {
      this.tags = tags;
      return this;
    }

    public Builder attributes(Map<String, ?> attributes) {
      this.attributes = attributes;
      return this;
    }

    public Builder status(LeadStatus status) {
      this.status = status;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * Validates and builds the lead.
     *
     * @throws ValidationException listing every broken rule, one {@link FieldError} per field
     */
    public Lead build() {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(createdAt, "createdAt");
      List<FieldError> errors = new ArrayList<>();
      if (name == null || name.isBlank()) {
        errors.add(new FieldError("name", "required", "a lead needs a name"));
      }
      checkLength(errors, "name", name);
      checkLength(errors, "company", company);
      checkLength(errors, "jobTitle", jobTitle);
      checkLength(errors, "industry", industry);
      checkLength(errors, "owner", owner);
      EmailAddress normalizedEmail = null;
      if (trimToNull(email) != null) {
        try {
          normalizedEmail = EmailAddress.of(email);
        } catch (ValidationException e) {
          errors.addAll(e.fieldErrors());
        }
      }
      if (trimToNull(phone) != null && !PHONE.matcher(phone.trim()).matches()) {
        errors.add(new FieldError("phone", "invalid_phone", "'" + phone + "' is not a phone number"));
      }
      if (companySize != null && companySize < 0) {
        errors.add(new FieldError("companySize", "negative", "company size cannot be negative"));
      }
      if (trimToNull(country) != null
          && !COUNTRY.matcher(country.trim().toUpperCase(Locale.ROOT)).matches()) {
        errors.add(
            new FieldError(
                "country", "invalid_country", "'" + country + "' is not an ISO 3166 alpha-2 code"));
      }
      if (source == null) {
        errors.add(new FieldError("source", "required", "a lead has a source"));
      }
      if (status == null) {
        errors.add(new FieldError("status", "required", "a lead has a status"));
      }
      if (updatedAt != null && updatedAt.isBefore(createdAt)) {
        errors.add(new FieldError("updatedAt", "before_creation", "updated before it was created"));
      }
      Set<String> normalizedTags = new TreeSet<>();
      for (String tag : tags == null ? List.<String>of() : tags) {
        String t = tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(t).matches()) {
          errors.add(new FieldError("tags", "invalid_tag", "'" + tag + "' is not a valid tag"));
        } else {
          normalizedTags.add(t);
        }
      }
      Map<String, Object> attrs = new LinkedHashMap<>();
      if (attributes != null) {
        attributes.forEach(
            (k, v) -> {
              if (k == null || k.isBlank()) {
                errors.add(new FieldError("attributes", "blank_key", "attribute names cannot be blank"));
              } else if (!isJsonValue(v)) {
                errors.add(
                    new FieldError(
                        "attributes." + k, "not_json", "attribute values must be JSON-compatible"));
              } else {
                attrs.put(k, freeze(v));
              }
            });
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      if (updatedAt == null) {
        updatedAt = createdAt;
      }
      return new Lead(
          this,
          normalizedEmail,
          Collections.unmodifiableSet(normalizedTags),
          Collections.unmodifiableMap(attrs));
    }

    private static void checkLength(List<FieldError> errors, String field, String value) {
      if (value != null && value.trim().length() > MAX_TEXT) {
        errors.add(new FieldError(field, "too_long", field + " is longer than " + MAX_TEXT));
      }
    }

    private static boolean isJsonValue(Object v) {
      if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
        return true;
      }
      if (v instanceof List) {
        return ((List<?>) v).stream().allMatch(Builder::isJsonValue);
      }
      if (v instanceof Map) {
        return ((Map<?, ?>) v)
            .entrySet().stream()
                .allMatch(e -> e.getKey() instanceof String && isJsonValue(e.getValue()));
      }
      return false;
    }

    private static Object freeze(Object v) {
      if (v instanceof List) {
        List<Object> copy = new ArrayList<>();
        ((List<?>) v).forEach(x -> copy.add(freeze(x)));
        return Collections.unmodifiableList(copy);
      }
      if (v instanceof Map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, x) -> copy.put((String) k, freeze(x)));
        return Collections.unmodifiableMap(copy);
      }
      return v;
    }
  }

  /** Plain field reads for the scoring hot path (see {@code LeadFields}). */
  private static final class FieldReader implements dev.bizo.crm.internal.LeadFields.Reader {
    @Override
    public String email(Lead lead) {
      return lead.email == null ? null : lead.email.value();
    }

    @Override
    public String phone(Lead lead) {
      return lead.phone;
    }

    @Override
    public String company(Lead lead) {
      return lead.company;
    }

    @Override
    public String jobTitle(Lead lead) {
      return lead.jobTitle;
    }

    @Override
    public String industry(Lead lead) {
      return lead.industry;
    }

    @Override
    public int companySize(Lead lead) {
      return lead.companySize == null ? -1 : lead.companySize;
    }

    @Override
    public String country(Lead lead) {
      return lead.country;
    }

    @Override
    public String owner(Lead lead) {
      return lead.owner;
    }
  }
}
