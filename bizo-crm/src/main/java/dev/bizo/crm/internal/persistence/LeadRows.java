package dev.bizo.crm.internal.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.TenantId;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.Utm;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.crm.scoring.Priority;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The one place that knows how a {@link StoredLead} maps to a {@code crm_lead} row. */
public final class LeadRows {

  public static final String COLUMNS =
      "id, tenant_id, name, email, phone, company, job_title, industry, company_size, country, source,"
          + " utm_source, utm_medium, utm_campaign, utm_term, utm_content, owner, tags, attributes, status,"
          + " created_at, updated_at, score, priority, score_explanation, scorer_id, scorer_version, scored_at";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};

  private LeadRows() {}

  /**
   * Inserts a new lead unless its e-mail already belongs to another lead of the tenant.
   *
   * @return true if inserted, false if the e-mail was taken
   */
  public static boolean insert(Connection c, StoredLead s, UUID importId, long generation, Instant rescoreAt)
      throws SQLException {
    try (PreparedStatement p = prepareInsert(c, s, importId, generation, rescoreAt, "")) {
      return p.executeUpdate() == 1;
    }
  }

  /**
   * {@link #insert}, returning the row as stored (jsonb key order, timestamp precision) in the insert's own
   * round trip, rather than read again.
   *
   * @return the stored lead, or empty if the e-mail was taken
   */
  public static Optional<StoredLead> insertReturning(Connection c, StoredLead s, UUID importId, long generation,
      Instant rescoreAt, Clock clock) throws SQLException {
    try (PreparedStatement p = prepareInsert(c, s, importId, generation, rescoreAt, " returning " + COLUMNS);
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? Optional.of(read(rs, clock)) : Optional.empty();
    }
  }

  /** Binds the parameters a statement adds after the lead's insert, from the given index. */
  @FunctionalInterface
  public interface MoreParameters {
    void bind(PreparedStatement statement, int from) throws SQLException;
  }

  /**
   * {@link #insertReturning} with more writes riding on the same statement, in one round trip: the insert is
   * the CTE {@code lead} (one row, or none when the e-mail was taken), and {@code moreCtes} adds CTEs after
   * it, such as {@code , history as (insert into ... select ... from lead)}, whose parameters
   * {@code more} binds. They are written exactly when the lead is, atomically with it.
   *
   * @return the stored lead, or empty if the e-mail was taken (and nothing else was written)
   */
  public static Optional<StoredLead> insertReturningWith(Connection c, StoredLead s, UUID importId, long generation,
      Instant rescoreAt, Clock clock, String moreCtes, MoreParameters more) throws SQLException {
    try (PreparedStatement p = prepareInsert(c, s, importId, generation, rescoreAt, " returning " + COLUMNS,
        "with lead as (", ")" + moreCtes + " select " + COLUMNS + " from lead")) {
      more.bind(p, INSERT_PARAMETERS + 1);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(read(rs, clock)) : Optional.empty();
      }
    }
  }

  /** How many parameters the insert of a lead has. */
  private static final int INSERT_PARAMETERS = 32;

  private static PreparedStatement prepareInsert(
      Connection c, StoredLead s, UUID importId, long generation, Instant rescoreAt, String returning)
      throws SQLException {
    return prepareInsert(c, s, importId, generation, rescoreAt, returning, "", "");
  }

  private static PreparedStatement prepareInsert(Connection c, StoredLead s, UUID importId, long generation,
      Instant rescoreAt, String returning, String before, String after) throws SQLException {
    String sql = before
        + "insert into crm_lead (" + COLUMNS + ", status_since, import_id, score_generation, rescore_at) values"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (tenant_id, lower(email)) do nothing" + returning + after;
    Lead l = s.lead();
    PreparedStatement p = c.prepareStatement(sql);
    try {
      int i = bindFields(c, p, l);
      p.setObject(i++, ts(l.createdAt()));
      p.setObject(i++, ts(l.updatedAt()));
      i = bindScore(p, i, s);
      p.setObject(i++, ts(l.createdAt()));
      p.setObject(i++, importId);
      p.setLong(i++, generation);
      p.setObject(i, ts(rescoreAt));
      if (i != INSERT_PARAMETERS) {
        throw new IllegalStateException("the lead insert binds " + i + " parameters, not " + INSERT_PARAMETERS);
      }
      return p;
    } catch (SQLException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** Rewrites every field and the score of an existing lead (id, tenant and creation time stay). */
  public static void update(Connection c, StoredLead s, long generation, Instant rescoreAt) throws SQLException {
    String sql =
        "update crm_lead set id = ?, tenant_id = ?, name = ?, email = ?, phone = ?, company = ?, job_title = ?,"
            + " industry = ?, company_size = ?, country = ?, source = ?, utm_source = ?, utm_medium = ?,"
            + " utm_campaign = ?, utm_term = ?, utm_content = ?, owner = ?, tags = ?, attributes = cast(? as jsonb),"
            + " status = ?, updated_at = ?, score = ?, priority = ?, score_explanation = cast(? as jsonb),"
            + " scorer_id = ?, scorer_version = ?, scored_at = ?, score_generation = ?, rescore_at = ? where id = ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      int i = bindFields(c, p, s.lead());
      p.setObject(i++, ts(s.lead().updatedAt()));
      i = bindScore(p, i, s);
      p.setLong(i++, generation);
      p.setObject(i++, ts(rescoreAt));
      p.setObject(i, s.lead().id().value());
      p.executeUpdate();
    }
  }

  private static int bindFields(Connection c, PreparedStatement p, Lead l) throws SQLException {
    int i = 1;
    p.setObject(i++, l.id().value());
    p.setObject(i++, l.tenantId().value());
    p.setString(i++, l.name());
    p.setString(i++, l.email().map(Object::toString).orElse(null));
    p.setString(i++, l.phone().orElse(null));
    p.setString(i++, l.company().orElse(null));
    p.setString(i++, l.jobTitle().orElse(null));
    p.setString(i++, l.industry().orElse(null));
    if (l.companySize().isPresent()) {
      p.setInt(i++, l.companySize().getAsInt());
    } else {
      p.setNull(i++, Types.INTEGER);
    }
    p.setString(i++, l.country().orElse(null));
    p.setString(i++, l.source().name());
    Utm u = l.utm();
    p.setString(i++, u.source());
    p.setString(i++, u.medium());
    p.setString(i++, u.campaign());
    p.setString(i++, u.term());
    p.setString(i++, u.content());
    p.setString(i++, l.owner().orElse(null));
    p.setArray(i++, c.createArrayOf("text", l.tags().toArray()));
    p.setString(i++, json(l.attributes()));
    p.setString(i++, l.status().name());
    return i;
  }

  private static int bindScore(PreparedStatement p, int i, StoredLead s) throws SQLException {
    LeadScore score = s.score();
    p.setInt(i++, score.value());
    p.setString(i++, s.priority().name());
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Contribution contribution : score.contributions()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("label", contribution.label());
      line.put("points", contribution.points());
      lines.add(line);
    }
    p.setString(i++, json(lines));
    p.setString(i++, score.scorerId());
    p.setString(i++, score.scorerVersion());
    p.setObject(i++, ts(score.scoredAt()));
    return i;
  }

  /** Reads a row selected with {@link #COLUMNS}. */
  public static StoredLead read(ResultSet rs, Clock clock) throws SQLException {
    String[] tags = (String[]) ((Array) rs.getArray("tags")).getArray();
    Integer size = (Integer) rs.getObject("company_size");
    Lead lead =
        Lead.builder(new TenantId((UUID) rs.getObject("tenant_id")), clock)
            .id(new LeadId((UUID) rs.getObject("id")))
            .name(rs.getString("name"))
            .email(rs.getString("email"))
            .phone(rs.getString("phone"))
            .company(rs.getString("company"))
            .jobTitle(rs.getString("job_title"))
            .industry(rs.getString("industry"))
            .companySize(size)
            .country(rs.getString("country"))
            .source(LeadSource.valueOf(rs.getString("source")))
            .utm(
                new Utm(
                    rs.getString("utm_source"),
                    rs.getString("utm_medium"),
                    rs.getString("utm_campaign"),
                    rs.getString("utm_term"),
                    rs.getString("utm_content")))
            .owner(rs.getString("owner"))
            .tags(Arrays.asList(tags))
            .attributes(parse(rs.getString("attributes"), MAP))
            .status(LeadStatus.valueOf(rs.getString("status")))
            .createdAt(instant(rs, "created_at"))
            .updatedAt(instant(rs, "updated_at"))
            .build();
    List<Contribution> contributions = new ArrayList<>();
    for (Map<String, Object> line : parse(rs.getString("score_explanation"), LIST)) {
      contributions.add(new Contribution((String) line.get("label"), ((Number) line.get("points")).intValue()));
    }
    LeadScore score =
        new LeadScore(
            rs.getInt("score"),
            contributions,
            rs.getString("scorer_id"),
            rs.getString("scorer_version"),
            instant(rs, "scored_at"));
    return new StoredLead(lead, score, Priority.valueOf(rs.getString("priority")));
  }

  /** A timestamp column as an Instant. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** An Instant as a JDBC timestamptz value. */
  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** Writes a JSON text. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON for a validated value", e);
    }
  }

  private static <T> T parse(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON no longer parses", e);
    }
  }
}
