package dev.bizo.platform;

import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.data.BrandNotes;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Providers;
import dev.bizo.core.ValidationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.embedded.EmbeddedDatabase;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.ReconciliationSchedule;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.platform.internal.AgentsPart;
import dev.bizo.platform.internal.CrmPart;
import dev.bizo.platform.internal.EmbeddedPart;
import dev.bizo.platform.internal.GeneratedMasterKey;
import dev.bizo.platform.internal.PaymentsPart;
import dev.bizo.platform.internal.WebhooksPart;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.PlatformSecrets;
import dev.bizo.tenancy.Signup;
import dev.bizo.tenancy.SignupResult;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.TenancySettings;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.auth.ApiKeys;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.AuthSettings;
import dev.bizo.tenancy.auth.PasswordPolicy;
import dev.bizo.tenancy.auth.SharedSigningKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bizo in one object: the database migrated for exactly the capabilities enabled, tenancy (audit log, users,
 * tenants, sealed tenant secrets), auth, and whichever of payments, CRM, webhooks and agents the application asked
 * for, wired as the reference server wires them.
 *
 * <pre>{@code
 * try (Bizo bizo = Bizo.builder().embedded(dataDir).crm().payments("simulator").start()) {
 *   TenantId tenant = bizo.signUp(SignUp.of("Acme", "acme", "owner@acme.example", password)).tenant().id();
 *   bizo.leads().create(tenant, lead);
 * }
 * }</pre>
 *
 * <p>A capability's accessor throws {@link ConfigurationException} when it was not enabled. Instances are
 * thread-safe; {@link #close()} closes the pool and stops the embedded PostgreSQL, if any.
 *
 * <p>Code that calls this class needs only the artifacts of the capabilities it enables: the JVM links each method
 * when first called. Listing all of its methods by reflection ({@code Class.getMethods()}) needs every capability's
 * artifact, since their types appear in the accessors' signatures.
 *
 * <p>Over 600 lines with its {@link Builder}, a third of them Javadoc: the builder's methods are the front door's
 * documented settings, and one file keeps {@code Bizo.builder()...start()} and what it returns one API.
 */
public final class Bizo implements AutoCloseable {

  /** The code of the error when a service of a capability that was not enabled is asked for. */
  public static final String NOT_ENABLED = "platform.capability_not_enabled";

  private static final Logger LOG = LoggerFactory.getLogger(Bizo.class);

  /** The issuer of access tokens when the configuration names none ({@code BIZO_AUTH_ISSUER}). */
  public static final String DEFAULT_ISSUER = "urn:bizo:embedded";

  private final Optional<EmbeddedDatabase> embedded;
  private final TenancyDatabase database;
  private final List<String> modules;
  private final AuditLog auditLog;
  private final Users users;
  private final Tenants tenants;
  private final TenantSecrets secrets;
  private final MasterKeyring keyring;
  private final SharedSigningKeys signingKeys;
  private final ApiKeys apiKeys;
  private final AuthService auth;
  private final PasswordPolicy passwordPolicy;
  private final Optional<CrmPart> crm;
  private final Optional<PaymentsPart> payments;
  private final Optional<Object> webhooks;
  private final Optional<Object> agents;

  private Bizo(Builder b, Optional<EmbeddedDatabase> embedded, TenancyDatabase database, List<String> modules,
      MasterKeyring keyring) {
    this.embedded = embedded;
    this.database = database;
    this.modules = List.copyOf(modules);
    this.keyring = keyring;
    Transactions tx = database.transactions();
    auditLog = new AuditLog(tx, b.clock);
    users = new Users(tx, auditLog, b.clock);
    tenants = new Tenants(tx, users, auditLog, b.clock);
    secrets = new TenantSecrets(tx, keyring, auditLog, b.clock);
    apiKeys = new ApiKeys(tx, b.clock);
    signingKeys = SharedSigningKeys.open(
        new PlatformSecrets(database, keyring, b.clock), AuthSettings.accessTokens(b.config).retiredKeyRetention(), b.clock);
    auth = AuthService.builder().tenancy(tenants, users, auditLog).fromConfig(b.config, tx, signingKeys.ring(), b.clock)
        .apiKeys(apiKeys).build();
    passwordPolicy = AuthSettings.passwordPolicy(b.config);
    crm = b.enabled.contains(Capability.CRM) ? Optional.of(CrmPart.start(tx, b.clock)) : Optional.empty();
    payments = b.enabled.contains(Capability.PAYMENTS)
        ? Optional.of(PaymentsPart.start(tx, secrets, b.defaultGateway, b.reconciliation, b.duplicateWait, b.clock))
        : Optional.empty();
    webhooks = b.enabled.contains(Capability.WEBHOOKS)
        ? Optional.of(WebhooksPart.start(tx, secrets, b.config, b.clock)) : Optional.empty();
    agents = b.enabled.contains(Capability.AGENTS)
        ? Optional.of(AgentsPart.start(tx, crm.orElseThrow(), payments.orElseThrow(), b.currency, b.config, b.clock,
            b.agentsSetup))
        : Optional.empty();
  }

  /** A builder with nothing enabled but tenancy and auth. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs up a tenant and its owner in one call. Every field is checked first and every refusal reported at once:
   * a missing password ({@code password}, {@code required}), the tenant fields ({@code tenantName}, {@code slug},
   * {@code email}) and the password against the password policy, in that order. Only then is the password
   * hashed (Argon2id, with the {@code BIZO_AUTH_ARGON2_*} settings) and the tenant created with its owner. The
   * reference server's signup endpoint answers 422 with these field errors.
   *
   * @throws ValidationException {@code validation_failed} with one field error per refusal
   * @throws dev.bizo.core.ConflictException when the slug is taken
   */
  public SignupResult signUp(SignUp signUp) {
    Objects.requireNonNull(signUp, "signUp");
    List<ValidationException.FieldError> refused = new ArrayList<>();
    boolean hasPassword = signUp.password() != null && !signUp.password().isBlank();
    if (!hasPassword) {
      refused.add(new ValidationException.FieldError("password", "required", "password is required"));
    }
    try {
      new Signup(signUp.tenantName(), signUp.slug(), signUp.ownerEmail(), "unhashed");
    } catch (ValidationException e) {
      refused.addAll(e.fieldErrors());
    }
    if (hasPassword) {
      try {
        passwordPolicy.check(signUp.password());
      } catch (ValidationException e) {
        refused.addAll(e.fieldErrors());
      }
    }
    if (!refused.isEmpty()) {
      throw new ValidationException(refused);
    }
    // Hashed only once everything passed: an Argon2 hash is not spent on a signup that is refused anyway.
    String hash = auth.hashNewPassword(signUp.password());
    return tenants.signup(new Signup(signUp.tenantName(), signUp.slug(), signUp.ownerEmail(), hash));
  }

  /** The modules whose migrations ran, in order, tenancy's first. */
  public List<String> modules() {
    return modules;
  }

  /** The embedded PostgreSQL, when {@link Builder#embedded} started one. */
  public Optional<EmbeddedDatabase> embeddedDatabase() {
    return embedded;
  }

  /** Tenancy's database: the pool of the application role, with row-level security. */
  public TenancyDatabase database() {
    return database;
  }

  /** The transaction API every service uses; the only way to read and write tenant data. */
  public Transactions transactions() {
    return database.transactions();
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  public Users users() {
    return users;
  }

  public Tenants tenants() {
    return tenants;
  }

  /** The master keyring that seals tenant and platform secrets: the explicit, configured or generated key. */
  public MasterKeyring masterKeyring() {
    return keyring;
  }

  /** Each tenant's sealed secrets (gateway credentials, webhook signing secrets), under the master key. */
  public TenantSecrets tenantSecrets() {
    return secrets;
  }

  /** Login, tokens, API keys and password changes, from the {@code BIZO_AUTH_*} settings. */
  public AuthService auth() {
    return auth;
  }

  /** The API keys {@link #auth()} authenticates with (one cache: a revocation here is seen there). */
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  /**
   * The access-token signing keys, sealed in the platform secrets and shared by every process on the same
   * database; a process that runs next to others calls {@link SharedSigningKeys#refresh()} now and then.
   */
  public SharedSigningKeys signingKeys() {
    return signingKeys;
  }

  /** Whether the capability was enabled (tenancy and auth always are). */
  public boolean has(Capability capability) {
    return switch (capability) {
      case EMBEDDED_DATABASE -> embedded.isPresent();
      case CRM -> crm.isPresent();
      case PAYMENTS -> payments.isPresent();
      case WEBHOOKS -> webhooks.isPresent();
      case AGENTS -> agents.isPresent();
    };
  }

  /**
   * The CRM's lead service.
   *
   * @throws ConfigurationException when {@link Builder#crm()} was not called
   */
  public LeadService leads() {
    return enabled(crm, Capability.CRM).leads();
  }

  /**
   * The CRM's lead analytics (pre-aggregated rollups).
   *
   * @throws ConfigurationException when {@link Builder#crm()} was not called
   */
  public LeadAnalytics leadAnalytics() {
    return enabled(crm, Capability.CRM).analytics();
  }

  /**
   * The payment service.
   *
   * @throws ConfigurationException when {@link Builder#payments} was not called
   */
  public PaymentService payments() {
    return enabled(payments, Capability.PAYMENTS).payments();
  }

  /**
   * The payment gateways found on the class path.
   *
   * @throws ConfigurationException when {@link Builder#payments} was not called
   */
  public Providers<PaymentGateway> gateways() {
    return enabled(payments, Capability.PAYMENTS).gateways();
  }

  /**
   * The tenants' webhook endpoints and their delivery.
   *
   * @throws ConfigurationException when {@link Builder#webhooks()} was not called
   */
  public dev.bizo.webhooks.WebhookEndpoints webhooks() {
    return (dev.bizo.webhooks.WebhookEndpoints) enabled(webhooks, Capability.WEBHOOKS);
  }

  /**
   * The agent runtime. Built on the first call of this method, {@link #agentRuns()} or {@link #brandNotes()}, with
   * the {@link AgentsSetup} the builder's supplier gives then.
   *
   * @throws ConfigurationException when {@link Builder#agents} was not called
   */
  public AgentRuntime agents() {
    return ((AgentsPart) enabled(agents, Capability.AGENTS)).runtime();
  }

  /**
   * The store the agent runtime saves its run traces to: PostgreSQL, wrapped as {@link AgentsSetup#runStore()} says.
   *
   * @throws ConfigurationException when {@link Builder#agents} was not called
   */
  public RunStore agentRuns() {
    return ((AgentsPart) enabled(agents, Capability.AGENTS)).runStore();
  }

  /**
   * The tenants' brand notes the agents ground their content in; empty unless the {@link AgentsSetup} names their
   * embedding model.
   *
   * @throws ConfigurationException when {@link Builder#agents} was not called
   */
  public Optional<BrandNotes> brandNotes() {
    return ((AgentsPart) enabled(agents, Capability.AGENTS)).brandNotes();
  }

  private static <T> T enabled(Optional<T> part, Capability capability) {
    return part.orElseThrow(() -> new ConfigurationException(NOT_ENABLED,
        capability + " was not enabled on Bizo.builder() (dev.bizo:" + capability.artifact() + ")"));
  }

  /** Closes the pool, then stops the embedded PostgreSQL. */
  @Override
  public void close() {
    try {
      auth.close();
      database.close();
    } finally {
      embedded.ifPresent(EmbeddedDatabase::close);
    }
  }

  @Override
  public String toString() {
    return "Bizo[modules=" + modules + (embedded.isPresent() ? ", embedded PostgreSQL" : "") + "]";
  }

  /**
   * Chooses the database and the capabilities, then {@link #start()}s. Each capability method checks at once that
   * its artifact is on the class path.
   */
  public static final class Builder {

    private String jdbcUrl;
    private DatabaseLogin owner;
    private DatabaseLogin app;
    private Path dataDir;
    private int embeddedPort;
    private int poolSize = 10;
    private BizoConfig config;
    private Clock clock = Clock.systemUTC();
    private MasterKeyring masterKey;
    private final Set<Capability> enabled = EnumSet.noneOf(Capability.class);
    private String defaultGateway;
    private Optional<ReconciliationSchedule> reconciliation = Optional.empty();
    private Optional<Duration> duplicateWait = Optional.empty();
    private String currency;
    private Supplier<AgentsSetup> agentsSetup;
    private DatabaseLogin embeddedApp;
    private String embeddedAppUser = "bizo_app";
    private final List<PersistenceModule> extraModules = new ArrayList<>();
    private final List<BeforeMigrations> beforeMigrations = new ArrayList<>();

    private Builder() {}

    /**
     * An existing PostgreSQL: migrations run as {@code owner}, the pool connects as {@code app} (created when
     * missing). Replaces {@link #embedded}.
     */
    public Builder database(String jdbcUrl, DatabaseLogin owner, DatabaseLogin app) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      this.owner = Objects.requireNonNull(owner, "owner");
      this.app = Objects.requireNonNull(app, "app");
      this.dataDir = null;
      return this;
    }

    /**
     * The embedded PostgreSQL (bizo-embedded-postgres), data in {@code dataDir/postgres}, on a free port; the pool
     * connects as {@code bizo_app} with a password made at each start. Replaces {@link #database}.
     *
     * @throws ConfigurationException when bizo-embedded-postgres is not on the class path
     */
    public Builder embedded(Path dataDir) {
      ClassPathGuard.require(Capability.EMBEDDED_DATABASE);
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      this.jdbcUrl = null;
      return this;
    }

    /** The port of the embedded PostgreSQL; a free one by default. */
    public Builder embeddedPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("Not a port: " + port);
      }
      this.embeddedPort = port;
      return this;
    }

    /**
     * The application role of the embedded PostgreSQL; {@code bizo_app} with a password made at each start by
     * default (the role's password is set on every migration run).
     */
    public Builder embeddedApp(DatabaseLogin login) {
      this.embeddedApp = Objects.requireNonNull(login, "login");
      this.embeddedAppUser = login.user();
      return this;
    }

    /**
     * The application role of the embedded PostgreSQL, named {@code user}, with a password made at each start.
     */
    public Builder embeddedApp(String user) {
      if (Objects.requireNonNull(user, "user").isBlank()) {
        throw new IllegalArgumentException("The database role is blank");
      }
      this.embeddedAppUser = user;
      this.embeddedApp = null;
      return this;
    }

    /**
     * A choice of further modules made once the database is reachable and before any migration runs, for modules
     * that depend on what the database offers (crm-search's pgvector module needs the {@code vector} extension).
     * Hooks run in the order given; their modules migrate after {@link #module}'s.
     */
    public Builder beforeMigrations(BeforeMigrations hook) {
      beforeMigrations.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /**
     * A further module to migrate after the enabled capabilities' (for example crm-search's pgvector module, or
     * an application's own tables); its services are the application's to build.
     */
    public Builder module(PersistenceModule module) {
      extraModules.add(Objects.requireNonNull(module, "module"));
      return this;
    }

    /** Connections of the application role's pool; default 10. */
    public Builder poolSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("The pool needs at least one connection: " + size);
      }
      this.poolSize = size;
      return this;
    }

    /**
     * Where the {@code BIZO_*} settings come from (auth, Argon2, login throttling, webhooks, the language model);
     * system properties and the environment by default, with {@link #DEFAULT_ISSUER} when no issuer is set.
     */
    public Builder config(BizoConfig value) {
      this.config = Objects.requireNonNull(value, "config");
      return this;
    }

    /** The time source of every service; the UTC system clock by default. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The key that seals tenant and platform secrets; it wins over {@code BIZO_MASTER_KEY}. Without either, the
     * {@link #embedded} database generates one on first start into {@code dataDir/master.key} (owner-only
     * permissions), reads it on later starts and warns in the log that it is not for production; an existing
     * {@link #database} requires one.
     */
    public Builder masterKey(MasterKeyring value) {
      this.masterKey = Objects.requireNonNull(value, "masterKey");
      return this;
    }

    /**
     * The CRM: leads, scoring and the pipeline.
     *
     * @throws ConfigurationException when bizo-crm is not on the class path
     */
    public Builder crm() {
      return enable(Capability.CRM);
    }

    /**
     * Payments over every gateway on the class path, credentials from the tenants' secrets
     * ({@code payments.<gateway>.<name>}), new payments on {@code defaultGateway} unless they name one.
     *
     * @param defaultGateway a gateway id, e.g. {@code simulator} or {@code stripe}
     * @throws ConfigurationException when bizo-payments-core is not on the class path
     */
    public Builder payments(String defaultGateway) {
      this.defaultGateway = Objects.requireNonNull(defaultGateway, "defaultGateway");
      return enable(Capability.PAYMENTS);
    }

    /**
     * When payments the gateway did not settle are reconciled; {@link ReconciliationSchedule#standard()} by default.
     * Call after {@link #payments(String)}.
     */
    public Builder paymentsReconciliation(ReconciliationSchedule schedule) {
      this.reconciliation = Optional.of(Objects.requireNonNull(schedule, "schedule"));
      return this;
    }

    /**
     * How long a call with the idempotency key of a call still in progress waits for its answer; the payment
     * service's default otherwise. Call after {@link #payments(String)}.
     */
    public Builder paymentsDuplicateWait(Duration wait) {
      this.duplicateWait = Optional.of(Objects.requireNonNull(wait, "wait"));
      return this;
    }

    /**
     * Tenant webhook endpoints ({@code BIZO_WEBHOOKS_*} settings).
     *
     * @throws ConfigurationException when bizo-webhooks is not on the class path
     */
    public Builder webhooks() {
      return enable(Capability.WEBHOOKS);
    }

    /**
     * The agent runtime over the CRM and payments (both must be enabled too), offline unless the configuration
     * names a language model ({@code BIZO_LLM_*}).
     *
     * @param reportingCurrency the currency of the revenue figures agents report, e.g. {@code EUR}
     * @throws ConfigurationException when bizo-agents is not on the class path
     */
    public Builder agents(String reportingCurrency) {
      Objects.requireNonNull(reportingCurrency, "reportingCurrency");
      ClassPathGuard.require(Capability.AGENTS);
      return agents(reportingCurrency, AgentsSetup::defaults);
    }

    /**
     * The agent runtime as {@link #agents(String)} builds it, with what the application adds (a run store wrapper,
     * a progress listener, brand notes). The runtime is built when {@link Bizo#agents()} is first called, and
     * {@code setup} is asked then, so it may hand over objects made after {@link #start()} (a DI container's beans).
     *
     * @param reportingCurrency the currency of the revenue figures agents report, e.g. {@code EUR}
     * @param setup gives the application's additions once, when the runtime is built
     * @throws ConfigurationException when bizo-agents is not on the class path
     */
    public Builder agents(String reportingCurrency, Supplier<AgentsSetup> setup) {
      this.currency = Objects.requireNonNull(reportingCurrency, "reportingCurrency");
      this.agentsSetup = Objects.requireNonNull(setup, "setup");
      return enable(Capability.AGENTS);
    }

    private Builder enable(Capability capability) {
      ClassPathGuard.require(capability);
      enabled.add(capability);
      return this;
    }

    /**
     * Starts the embedded PostgreSQL (if chosen), runs the {@link #beforeMigrations} hooks, migrates tenancy's,
     * the enabled capabilities', the further and the hooks' modules, and builds the services. Whatever started is
     * stopped again when a later step fails.
     *
     * @throws ConfigurationException when no database was chosen, agents lack the CRM or payments, no master key
     *     is given, or a setting is invalid
     */
    public Bizo start() {
      if (jdbcUrl == null && dataDir == null) {
        throw new ConfigurationException("configuration_missing", "Choose a database: database(url, owner, app) or embedded(dir)");
      }
      if (enabled.contains(Capability.AGENTS)
          && !(enabled.contains(Capability.CRM) && enabled.contains(Capability.PAYMENTS))) {
        throw new ConfigurationException("configuration_invalid", "agents() reads the CRM and payments: enable crm() and payments(...) too");
      }
      if (config == null) {
        config = environmentWithDefaultIssuer();
      }
      MasterKeyring keyring = masterKeyring();
      List<PersistenceModule> persistence = new ArrayList<>();
      // The reference server's order: payments', the CRM's, webhooks', then agents' (each lists core's outbox first).
      if (enabled.contains(Capability.PAYMENTS)) {
        persistence.addAll(PaymentsPart.modules());
      }
      if (enabled.contains(Capability.CRM)) {
        persistence.addAll(CrmPart.modules());
      }
      if (enabled.contains(Capability.WEBHOOKS)) {
        persistence.addAll(WebhooksPart.modules());
      }
      if (enabled.contains(Capability.AGENTS)) {
        persistence.addAll(AgentsPart.modules());
      }
      persistence.addAll(extraModules);
      EmbeddedDatabase embedded = null;
      TenancyDatabase database = null;
      try {
        String url = jdbcUrl;
        DatabaseLogin ownerLogin = owner;
        DatabaseLogin appLogin = app;
        if (dataDir != null) {
          embedded = EmbeddedPart.start(dataDir, embeddedPort);
          url = embedded.jdbcUrl();
          ownerLogin = DatabaseLogin.of(EmbeddedPart.owner(), "");
          // Reset at every start (the app role's password is set on each migration run); localhost only.
          appLogin = embeddedApp != null ? embeddedApp : DatabaseLogin.of(embeddedAppUser, randomSecret());
        }
        persistence.addAll(chooseModules(new ReachableDatabase(url, ownerLogin, Optional.ofNullable(embedded))));
        TenancyDatabase.Builder builder = TenancyDatabase.builder()
            .jdbcUrl(url)
            .owner(ownerLogin.user(), ownerLogin.password())
            .app(appLogin.user(), appLogin.password())
            .poolSize(poolSize)
            .clock(clock);
        persistence.forEach(builder::module);
        database = builder.start();
        List<String> names = new ArrayList<>();
        names.add(TenancyDatabase.TENANCY_MODULE.name());
        persistence.stream().map(PersistenceModule::name).distinct().forEach(names::add);
        return new Bizo(this, Optional.ofNullable(embedded), database, names, keyring);
      } catch (RuntimeException e) {
        try {
          if (database != null) {
            database.close();
          }
          if (embedded != null) {
            embedded.close();
          }
        } catch (RuntimeException stopping) {
          e.addSuppressed(stopping);
        }
        throw e;
      }
    }

    private List<PersistenceModule> chooseModules(ReachableDatabase reachable) {
      List<PersistenceModule> chosen = new ArrayList<>();
      for (BeforeMigrations hook : beforeMigrations) {
        try {
          chosen.addAll(hook.modules(reachable));
        } catch (SQLException e) {
          throw new ConfigurationException("configuration_invalid",
              "Could not choose the modules to migrate on " + reachable.jdbcUrl() + ": " + e.getMessage(), e);
        }
      }
      return chosen;
    }

    /** The explicit key, else {@code BIZO_MASTER_KEY}, else on the embedded database one generated under its data. */
    private MasterKeyring masterKeyring() {
      if (masterKey != null) {
        return masterKey;
      }
      if (config.find(TenancySettings.MASTER_KEY).isPresent()) {
        LOG.info("Master key: from BIZO_MASTER_KEY");
        return MasterKeyring.fromConfig(config);
      }
      if (dataDir == null) {
        throw new ConfigurationException("configuration_missing",
            "A master key is required to seal secrets: masterKey(...) or BIZO_MASTER_KEY (base64 of 32 random bytes)");
      }
      return GeneratedMasterKey.keyring(dataDir);
    }

    private static BizoConfig environmentWithDefaultIssuer() {
      String issuerVariable = AuthSettings.ISSUER.environmentVariable();
      Function<String, String> environment = name -> {
        String value = System.getenv(name);
        return name.equals(issuerVariable) && (value == null || value.isBlank()) ? DEFAULT_ISSUER : value;
      };
      return BizoConfig.builder().environment(environment).build();
    }

    private static String randomSecret() {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
  }
}
