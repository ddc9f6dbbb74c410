package dev.bizo.tenancy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.events.Outbox;
import dev.bizo.tenancy.internal.AppRole;
import dev.bizo.tenancy.internal.ContextTenantIdentifierResolver;
import dev.bizo.tenancy.internal.Migrations;
import dev.bizo.tenancy.internal.ReleaseCheckingDataSource;
import dev.bizo.tenancy.internal.TenancyEntities;
import dev.bizo.tenancy.notify.DatabaseNotifications;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * Bizo's persistence, started once per application: the one code path for embedded use and for the
 * reference server.
 *
 * <p>{@link Builder#start()} does, in order:
 * <ol>
 *   <li>runs each {@link PersistenceModule}'s Flyway migrations <em>as the owner role</em>, each module
 *       with its own history table (tenancy's own module first: it creates the tenant tables and the
 *       {@code bizo_enable_tenant_isolation(regclass)} helper that other modules' migrations call);</li>
 *   <li>ensures the application role: created {@code LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB
 *       NOCREATEROLE} when missing, refused if it exists with SUPERUSER or BYPASSRLS or is the owner;
 *       granted SELECT, INSERT, UPDATE, DELETE on the schema's tables and USAGE on its sequences, now and
 *       by default for tables the owner creates later; never granted anything on Flyway history;</li>
 *   <li>opens a HikariCP pool <em>as the application role</em>;</li>
 *   <li>boots Hibernate ORM 6.6 over that pool with every module's entities, resolving {@code @TenantId}
 *       from {@link TenantContext}.</li>
 * </ol>
 *
 * <pre>{@code
 * try (TenancyDatabase db = TenancyDatabase.builder()
 *         .jdbcUrl("jdbc:postgresql://db/bizo")
 *         .owner("bizo_owner", ownerPassword)
 *         .app("bizo_app", appPassword)
 *         .module(PersistenceModule.of("crm", Lead.class))
 *         .start()) {
 *   Transactions tx = db.transactions();
 *   ...
 * }
 * }</pre>
 */
public final class TenancyDatabase implements AutoCloseable {

  /** Tenancy's own migrations ({@code classpath:db/migration/tenancy}) and entities; always run first. */
  public static final PersistenceModule TENANCY_MODULE =
      new PersistenceModule(
          "tenancy", "classpath:db/migration/tenancy", "flyway_history_tenancy", TenancyEntities.ALL);

  /**
   * Core's migrations ({@link Outbox#MIGRATION_LOCATION}, the {@code bizo_outbox} table), recorded in
   * {@code flyway_history_core}: the one definition every module that writes to the outbox registers
   * (the CRM, payments, webhooks and agents list it in their modules, ahead of their own).
   *
   * <p>It lives here rather than in bizo-core because {@link PersistenceModule} is a tenancy type and core
   * depends on nothing; tenancy is the lowest module that can hold it. Core keeps the migrations and their
   * location.
   */
  public static final PersistenceModule CORE_MODULE =
      new PersistenceModule("core", Outbox.MIGRATION_LOCATION, "flyway_history_core", List.of());

  private final HikariDataSource pool;
  private final ReleaseCheckingDataSource dataSource;
  private final SessionFactory sessionFactory;
  private final Transactions transactions;
  private final String appUser;
  private final String appPassword;
  private final String jdbcUrl;
  private DatabaseNotifications notifications;
  private boolean closed;

  private TenancyDatabase(Builder b, HikariDataSource pool, ReleaseCheckingDataSource dataSource, SessionFactory sessionFactory) {
    this.pool = pool;
    this.dataSource = dataSource;
    this.sessionFactory = sessionFactory;
    this.appUser = b.appUser;
    this.appPassword = b.appPassword;
    this.jdbcUrl = b.jdbcUrl;
    this.transactions = new Transactions(sessionFactory, dataSource, b.clock);
  }

  /** A builder; call {@link Builder#start()} to migrate and connect. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder filled from {@link TenancySettings}: {@code bizo.db.url}, {@code bizo.db.owner-user},
   * {@code bizo.db.owner-password}, {@code bizo.db.app-user}, {@code bizo.db.app-password},
   * {@code bizo.db.pool-size}.
   */
  public static Builder builder(BizoConfig config) {
    Objects.requireNonNull(config, "config");
    return new Builder()
        .jdbcUrl(config.require(TenancySettings.DB_URL))
        .owner(config.require(TenancySettings.DB_OWNER_USER), config.require(TenancySettings.DB_OWNER_PASSWORD))
        .app(config.require(TenancySettings.DB_APP_USER), config.require(TenancySettings.DB_APP_PASSWORD))
        .poolSize(config.require(TenancySettings.DB_POOL_SIZE));
  }

  /** The transaction API: the only way to read and write tenant data. */
  public Transactions transactions() {
    return transactions;
  }

  /**
   * The pooled application-role data source. Connections from it carry no tenant, so row-level security
   * shows them no tenant rows; use {@link Transactions#inTenantJdbc} instead. Exposed for tests and
   * tooling that must observe the pool itself.
   */
  public DataSource appDataSource() {
    return dataSource;
  }

  /** The name of the application role the pool connects as. */
  public String appRole() {
    return appUser;
  }

  /** The pool's maximum size. */
  public int poolSize() {
    return pool.getMaximumPoolSize();
  }

  /**
   * How many connections went back to the pool still carrying {@code bizo.tenant_id} or the system
   * scope. Counted only when {@link Builder#verifyTenantClearedOnRelease(boolean)} is on (tests); must
   * stay zero.
   */
  public long tenantLeaksOnRelease() {
    return dataSource.leaks();
  }

  /**
   * The database's {@code LISTEN/NOTIFY} listener: one dedicated connection as the application role, opened
   * outside the pool on the first call and closed by {@link #close()}. Every caller shares it.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized DatabaseNotifications notifications() {
    if (closed) {
      throw new IllegalStateException("database closed");
    }
    if (notifications == null) {
      notifications = DatabaseNotifications.start(jdbcUrl, appUser, appPassword);
    }
    return notifications;
  }

  /** Closes the notification listener (if started), Hibernate and the pool. */
  @Override
  public void close() {
    DatabaseNotifications listener;
    synchronized (this) {
      closed = true;
      listener = notifications;
    }
    try {
      if (listener != null) {
        listener.close();
      }
      sessionFactory.close();
    } finally {
      pool.close();
    }
  }

  /** Collects the settings of a {@link TenancyDatabase}. */
  public static final class Builder {
    private String jdbcUrl;
    private String ownerUser;
    private String ownerPassword;
    private String appUser;
    private String appPassword;
    private int poolSize = 10;
    private boolean verifyRelease;
    private boolean showSql;
    private Clock clock = Clock.systemUTC();
    private final List<PersistenceModule> modules = new ArrayList<>();

    private Builder() {}

    /** The JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/bizo}. */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      return this;
    }

    /** The owner role: owns the schema and runs migrations; needs CREATEROLE if the app role is missing. */
    public Builder owner(String user, String password) {
      this.ownerUser = Objects.requireNonNull(user, "user");
      this.ownerPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The application role the pool connects as; created when missing. */
    public Builder app(String user, String password) {
      this.appUser = Objects.requireNonNull(user, "user");
      this.appPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The maximum number of pooled connections (default 10). */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1 || poolSize > 500) {
        throw new ConfigurationException("persistence.pool_size_invalid", "Pool size must be 1..500, was " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /**
     * Adds a module's migrations and entities; modules migrate in the order added, after tenancy's. Adding
     * a module equal to one already added does nothing, so modules that each list a shared dependency (the
     * core outbox, in {@code CrmPersistence.modules()} and {@code PaymentService.persistenceModules()}) can
     * all be added; a different module under a taken name or history table is refused.
     */
    public Builder module(PersistenceModule module) {
      Objects.requireNonNull(module, "module");
      if (module.name().equals(TENANCY_MODULE.name())) {
        throw new ConfigurationException("persistence.module_duplicate", "The tenancy module is always included");
      }
      if (modules.contains(module)) {
        return this;
      }
      for (PersistenceModule existing : modules) {
        if (existing.name().equals(module.name()) || existing.historyTable().equals(module.historyTable())) {
          throw new ConfigurationException("persistence.module_duplicate", "Two different modules named " + module.name() + " or sharing the history table " + module.historyTable()
                + ": " + existing + " and " + module);
        }
      }
      modules.add(module);
      return this;
    }

    /**
     * For tests: check, every time a connection goes back to the pool, that it carries no tenant
     * (one extra query per release); see {@link TenancyDatabase#tenantLeaksOnRelease()}.
     */
    public Builder verifyTenantClearedOnRelease(boolean verify) {
      this.verifyRelease = verify;
      return this;
    }

    /** Logs Hibernate's SQL (default off). */
    public Builder showSql(boolean showSql) {
      this.showSql = showSql;
      return this;
    }

    /** The clock used for audit timestamps of the system scope (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Migrates, ensures the application role, opens the pool and boots Hibernate. */
    public TenancyDatabase start() {
      require(jdbcUrl, "jdbcUrl");
      require(ownerUser, "owner");
      require(appUser, "app");
      if (ownerUser.equals(appUser)) {
        throw new ConfigurationException(
            "persistence.app_role_is_owner", "The application role must not be the owner role: " + appUser);
      }
      List<PersistenceModule> all = new ArrayList<>();
      all.add(TENANCY_MODULE);
      all.addAll(modules);
      AppRole role = new AppRole(appUser, appPassword);
      Migrations.run(jdbcUrl, ownerUser, ownerPassword, all, role);
      HikariDataSource pool = openPool();
      try {
        ReleaseCheckingDataSource checked = new ReleaseCheckingDataSource(pool, verifyRelease);
        SessionFactory sessionFactory = bootHibernate(checked, all);
        return new TenancyDatabase(this, pool, checked, sessionFactory);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }

    private HikariDataSource openPool() {
      HikariConfig config = new HikariConfig();
      config.setPoolName("bizo-app");
      config.setJdbcUrl(jdbcUrl);
      config.setUsername(appUser);
      config.setPassword(appPassword);
      config.setMaximumPoolSize(poolSize);
      config.setAutoCommit(false);
      // JDBC batches become multi-row inserts: fewer round trips, and the RLS check's setting lookup runs
      // once per statement instead of once per row
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      return new HikariDataSource(config);
    }

    private SessionFactory bootHibernate(DataSource dataSource, List<PersistenceModule> all) {
      StandardServiceRegistry registry =
          new StandardServiceRegistryBuilder()
              .applySetting(AvailableSettings.DATASOURCE, dataSource)
              .applySetting(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
              .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
              .applySetting(AvailableSettings.SHOW_SQL, showSql)
              // values are validated by their records' constructors and no entity carries Bean Validation
              // constraints: without this, a jakarta.validation on the class path makes Hibernate start a
              // validator factory (and link against it) for nothing
              .applySetting(AvailableSettings.JAKARTA_VALIDATION_MODE, "none")
              // persist() of many entities goes out in JDBC batches (multi-row inserts, see the pool)
              .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
              .applySetting(AvailableSettings.ORDER_INSERTS, true)
              .applySetting(AvailableSettings.ORDER_UPDATES, true)
              .applySetting(AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER, new ContextTenantIdentifierResolver())
              .build();
      try {
        MetadataSources sources = new MetadataSources(registry);
        for (PersistenceModule module : all) {
          module.entities().forEach(sources::addAnnotatedClass);
        }
        return sources.buildMetadata().buildSessionFactory();
      } catch (RuntimeException e) {
        StandardServiceRegistryBuilder.destroy(registry);
        throw new ConfigurationException("persistence.hibernate_boot_failed", "Hibernate could not start: " + e.getMessage(), e);
      }
    }

    private static void require(Object value, String name) {
      if (value == null) {
        throw new ConfigurationException("persistence.setting_missing", "TenancyDatabase needs " + name);
      }
    }
  }
}
