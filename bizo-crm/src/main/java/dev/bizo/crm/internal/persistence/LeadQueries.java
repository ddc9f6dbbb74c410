package dev.bizo.crm.internal.persistence;

import dev.bizo.core.TenantId;
import dev.bizo.crm.LeadPage;
import dev.bizo.crm.LeadQuery;
import dev.bizo.crm.StoredLead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of a {@link LeadQuery}: its filters, the keyset condition after a cursor, and the order, built into
 * one statement over {@code crm_lead}; and the page with its next cursor read back. Kept apart from the service
 * so that the lead lifecycle reads without the statement's assembly.
 */
public final class LeadQueries {

  private static final String TEXT =
      "to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '')"
          + " || ' ' || coalesce(job_title, ''))";

  private LeadQueries() {}

  /**
   * One page of the tenant's leads matching {@code query}, by keyset on (sort key, id), on {@code c} (already
   * scoped to {@code tenant}).
   *
   * @throws dev.bizo.core.ValidationException {@code cursor} when the cursor is not one this query returned for
   *     the same order
   */
  public static LeadPage page(Connection c, TenantId tenant, LeadQuery query, Clock clock) throws SQLException {
    String column = switch (query.sort()) {
      case SCORE -> "score";
      case NAME -> "name";
      case CREATED_AT -> "created_at";
    };
    Optional<LeadCursor> after = query.cursor().map(text -> LeadCursor.decode(text, query.sort(), query.descending()));
    // the explicit tenant predicate lets the planner use the (tenant_id, key, id) indexes; RLS still applies
    StringBuilder sql = new StringBuilder("select " + LeadRows.COLUMNS + " from crm_lead where tenant_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    if (!query.statuses().isEmpty()) {
      sql.append(" and status = any (?)");
      params.add(query.statuses().stream().map(Enum::name).toArray(String[]::new));
    }
    if (!query.sources().isEmpty()) {
      sql.append(" and source = any (?)");
      params.add(query.sources().stream().map(Enum::name).toArray(String[]::new));
    }
    query.owner().ifPresent(o -> add(sql, params, " and owner = ?", o));
    query.tag().ifPresent(t -> add(sql, params, " and tags @> ?", new String[] {t}));
    query.minScore().ifPresent(s -> add(sql, params, " and score >= ?", s));
    query.maxScore().ifPresent(s -> add(sql, params, " and score <= ?", s));
    query.createdFrom().ifPresent(t -> add(sql, params, " and created_at >= ?", LeadRows.ts(t)));
    query.createdBefore().ifPresent(t -> add(sql, params, " and created_at < ?", LeadRows.ts(t)));
    query.text().flatMap(LeadQueries::prefixQuery)
        .ifPresent(q -> add(sql, params, " and " + TEXT + " @@ to_tsquery('simple', ?)", q));
    String op = query.descending() ? "<" : ">";
    after.ifPresent(
        cur -> {
          sql.append(" and (").append(column).append(", id) ").append(op).append(" (?, ?)");
          params.add(cur.value() instanceof Instant ? LeadRows.ts((Instant) cur.value()) : cur.value());
          params.add(cur.id());
        });
    String dir = query.descending() ? " desc" : " asc";
    sql.append(" order by ").append(column).append(dir).append(", id").append(dir).append(" limit ").append(query.limit() + 1);
    List<StoredLead> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        Object v = params.get(i);
        if (v instanceof String[]) {
          p.setArray(i + 1, c.createArrayOf("text", (String[]) v));
        } else {
          p.setObject(i + 1, v);
        }
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(LeadRows.read(rs, clock));
        }
      }
    }
    if (rows.size() <= query.limit()) {
      return new LeadPage(rows, Optional.empty());
    }
    List<StoredLead> page = rows.subList(0, query.limit());
    StoredLead last = page.get(page.size() - 1);
    Object value = switch (query.sort()) {
      case SCORE -> last.score().value();
      case NAME -> last.lead().name();
      case CREATED_AT -> last.lead().createdAt();
    };
    String next = new LeadCursor(query.sort(), query.descending(), value, last.id().value()).encode();
    return new LeadPage(page, Optional.of(next));
  }

  private static void add(StringBuilder sql, List<Object> params, String clause, Object value) {
    sql.append(clause);
    params.add(value);
  }

  private static Optional<String> prefixQuery(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w + ":*");
      }
    }
    return words.isEmpty() ? Optional.empty() : Optional.of(String.join(" & ", words));
  }
}
