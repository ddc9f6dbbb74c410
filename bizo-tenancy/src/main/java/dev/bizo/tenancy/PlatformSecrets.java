package dev.bizo.tenancy;

import dev.bizo.core.ConflictException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Secrets that belong to the platform rather than to a tenant, such as the access-token signing keys that
 * every replica must share. Sealed with AES-256-GCM under the {@link MasterKeyring}'s current key, exactly
 * like {@link TenantSecrets}, with the secret's name bound as associated data.
 *
 * <p>Each secret carries a version, so replicas can tell when another replica changed it, and writers use
 * optimistic concurrency ({@link #replace}). {@link #getOrCreate} is serialised cluster-wide with a
 * PostgreSQL advisory lock, so the first replica to start creates the value and the others read it.
 */
public final class PlatformSecrets {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final DataSource dataSource;
  private final MasterKeyring keyring;
  private final Clock clock;

  /** Platform secrets in {@code database}, sealed with {@code keyring}. */
  public PlatformSecrets(TenancyDatabase database, MasterKeyring keyring, Clock clock) {
    this.dataSource = Objects.requireNonNull(database, "database").appDataSource();
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A stored secret and its version.
   *
   * @param value the opened value; never log it
   * @param version increases by one on every change
   */
  public record Versioned(SecretValue value, long version) {
    /** Validates the fields. */
    public Versioned {
      Objects.requireNonNull(value, "value");
      if (version < 1) {
        throw new IllegalArgumentException("version < 1");
      }
    }
  }

  /** The secret called {@code name}, if stored. */
  public Optional<Versioned> find(String name) {
    validName(name);
    return inTransaction(c -> read(c, name));
  }

  /**
   * The secret called {@code name}, created from {@code initial} if no replica has stored it yet. Runs
   * under a transaction-scoped advisory lock on the name, so concurrent callers agree on one value.
   */
  public Versioned getOrCreate(String name, Supplier<SecretValue> initial) {
    validName(name);
    Objects.requireNonNull(initial, "initial");
    return inTransaction(
        c -> {
          try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "bizo.platform-secret." + name);
            lock.execute();
          }
          Optional<Versioned> existing = read(c, name);
          if (existing.isPresent()) {
            return existing.get();
          }
          SecretValue value = Objects.requireNonNull(initial.get(), "initial value");
          MasterKeyring.Sealed sealed = seal(name, value);
          try (PreparedStatement insert =
              c.prepareStatement(
                  "insert into bizo_platform_secret (name, key_id, nonce, ciphertext, version, updated_at) values (?, ?, ?, ?, 1, ?)")) {
            insert.setString(1, name);
            insert.setString(2, sealed.keyId());
            insert.setBytes(3, sealed.nonce());
            insert.setBytes(4, sealed.ciphertext());
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
          }
          return new Versioned(value, 1);
        });
  }

  /**
   * Replaces the secret if it is still at {@code expectedVersion}.
   *
   * @return the new version
   * @throws ConflictException {@code tenancy.platform_secret_changed} when another writer changed it first
   *     (read it again and retry), or it does not exist
   */
  public long replace(String name, long expectedVersion, SecretValue value) {
    validName(name);
    Objects.requireNonNull(value, "value");
    MasterKeyring.Sealed sealed = seal(name, value);
    int updated =
        inTransaction(
            c -> {
              try (PreparedStatement update =
                  c.prepareStatement(
                      "update bizo_platform_secret set key_id = ?, nonce = ?, ciphertext = ?, version = version + 1, updated_at = ?"
                          + " where name = ? and version = ?")) {
                update.setString(1, sealed.keyId());
                update.setBytes(2, sealed.nonce());
                update.setBytes(3, sealed.ciphertext());
                update.setTimestamp(4, Timestamp.from(clock.instant()));
                update.setString(5, name);
                update.setLong(6, expectedVersion);
                return update.executeUpdate();
              }
            });
    if (updated != 1) {
      throw new ConflictException(
          "tenancy.platform_secret_changed", "Platform secret " + name + " is no longer at version " + expectedVersion);
    }
    return expectedVersion + 1;
  }

  private Optional<Versioned> read(Connection c, String name) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("select key_id, nonce, ciphertext, version from bizo_platform_secret where name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        MasterKeyring.Sealed sealed = new MasterKeyring.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3));
        byte[] plain = keyring.open(sealed, aad(name), name);
        return Optional.of(new Versioned(SecretValue.of(new String(plain, StandardCharsets.UTF_8)), rs.getLong(4)));
      }
    }
  }

  private MasterKeyring.Sealed seal(String name, SecretValue value) {
    return keyring.seal(aad(name), value.reveal().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] aad(String name) {
    return ("platform\u0000" + name).getBytes(StandardCharsets.UTF_8);
  }

  private static void validName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ValidationException.ofField("name", "tenancy.secret_name_invalid", "Lower-case letters, digits and . _ -, up to 100");
    }
  }

  private <T> T inTransaction(Transactions.JdbcWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new RetriableException("persistence.unavailable", "Platform secrets unavailable: " + e.getMessage(), e);
    }
  }
}
