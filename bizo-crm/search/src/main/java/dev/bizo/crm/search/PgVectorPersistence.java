package dev.bizo.crm.search;

import dev.bizo.tenancy.PersistenceModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * The migrations of the pgvector path ({@link PgVectorStore}): a {@code vector(384)} column beside the
 * {@code bytea} one in {@code crm_lead_embedding}, filled from the existing rows, and an HNSW index on it
 * (cosine). Register {@link #MODULE} after the CRM's modules, and only where {@link #check} says the database
 * has (or the owner could create) the {@code vector} extension:
 *
 * <pre>{@code
 * PgVectorPersistence.Check pgvector;
 * try (Connection c = DriverManager.getConnection(url, owner, ownerPassword)) {
 *   pgvector = PgVectorPersistence.check(c);
 * }
 * CrmPersistence.modules().forEach(builder::module);
 * if (pgvector.available()) {
 *   builder.module(PgVectorPersistence.MODULE);
 * }
 * }</pre>
 */
public final class PgVectorPersistence {

  /** The module: {@code classpath:db/migration/crm_search_pgvector}, history {@code flyway_history_crm_search_pgvector}. */
  public static final PersistenceModule MODULE = new PersistenceModule(
      "crm_search_pgvector", "classpath:db/migration/crm_search_pgvector", "flyway_history_crm_search_pgvector", List.of());

  /**
   * Whether the pgvector path can be used.
   *
   * @param available the extension is installed in the database, or was just created
   * @param detail what was found, for the log: the extension's version, or why it cannot be used
   */
  public record Check(boolean available, String detail) {
    public Check {
      Objects.requireNonNull(detail, "detail");
    }
  }

  private PgVectorPersistence() {}

  /**
   * Finds the {@code vector} extension, creating it when the server offers it and the role may (a superuser,
   * or a database owner once an administrator made it trusted). Run it as the owner role, before migrating.
   *
   * @param owner a connection as the role that runs migrations, in auto-commit mode
   */
  public static Check check(Connection owner) throws SQLException {
    String installed = version(owner, "select extversion from pg_extension where extname = 'vector'");
    if (installed != null) {
      return supported(installed)
          ? new Check(true, "extension vector " + installed + " installed")
          : new Check(false, "extension vector " + installed + " installed, but this path needs " + MINIMUM_VERSION
              + " or later (iterative index scans and halfvec): an administrator can run: alter extension vector update");
    }
    String offered = version(owner, "select default_version from pg_available_extensions where name = 'vector'");
    if (offered == null) {
      return new Check(false, "the server has no vector extension (pgvector is not installed on it)");
    }
    if (!supported(offered)) {
      return new Check(false, "the server offers vector " + offered + ", but this path needs " + MINIMUM_VERSION + " or later");
    }
    try (Statement s = owner.createStatement()) {
      s.execute("create extension if not exists vector");
    } catch (SQLException e) {
      // insufficient privilege and the like: the exact or in-process path serves instead, and the caller logs why
      return new Check(false, "the server offers vector " + offered + " but role " + owner.getMetaData().getUserName()
          + " cannot create it: " + e.getMessage() + " (an administrator can run: create extension vector)");
    }
    return new Check(true, "extension vector " + offered + " created");
  }

  /** The oldest pgvector this path runs on: 0.8 brought iterative index scans, 0.7 halfvec. */
  static final String MINIMUM_VERSION = "0.8.0";

  /** Whether pgvector {@code version} ("0.8.1", "0.10.0") is {@link #MINIMUM_VERSION} or later. */
  static boolean supported(String version) {
    String[] have = version.split("\\.");
    String[] need = MINIMUM_VERSION.split("\\.");
    for (int i = 0; i < need.length; i++) {
      int h = i < have.length ? leadingNumber(have[i]) : 0;
      int n = Integer.parseInt(need[i]);
      if (h != n) {
        return h > n;
      }
    }
    return true;
  }

  private static int leadingNumber(String part) {
    int end = 0;
    while (end < part.length() && Character.isDigit(part.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
  }

  private static String version(Connection c, String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
