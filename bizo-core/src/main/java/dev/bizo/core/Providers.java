package dev.bizo.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * The named providers of one SPI, such as every {@code PaymentGateway} by its id.
 *
 * <p>Providers registered explicitly come first. Unless {@linkplain Builder#discover(boolean)
 * switched off}, {@link ServiceLoader} then fills in the rest, first through the thread's context
 * class loader and then through the class loader that loaded the SPI. The same class found twice
 * counts once, and an explicitly registered instance replaces a discovered instance of the same
 * class, so an application can configure a provider that is also on the class path. Two
 * <em>different</em> classes claiming one name are a configuration error naming both; nothing is
 * picked silently.
 *
 * <pre>{@code
 * Providers<PaymentGateway> gateways = Providers.builder(PaymentGateway.class, PaymentGateway::id)
 *     .register(new SimulatorGateway())
 *     .build();
 * PaymentGateway stripe = gateways.require("stripe");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe once built.
 *
 * @param <S> the service type
 */
public final class Providers<S> {

  private final Class<S> service;
  private final Map<String, S> byName;

  private Providers(Class<S> service, Map<String, S> byName) {
    this.service = service;
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Starts a provider set for {@code service}, naming each provider with {@code naming}.
   *
   * @param service the SPI type looked up through {@link ServiceLoader}
   * @param naming returns a provider's unique, non-blank name
   */
  public static <S> Builder<S> builder(Class<S> service, Function<? super S, String> naming) {
    return new Builder<>(service, naming);
  }

  /** The provider with this name, if any. */
  public Optional<S> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The provider with this name.
   *
   * @throws NotFoundException naming the known providers when there is none
   */
  public S require(String name) {
    S provider = byName.get(name);
    if (provider == null) {
      throw new NotFoundException(
          "provider.not_found",
          "No " + service.getSimpleName() + " named '" + name + "'; known: " + byName.keySet());
    }
    return provider;
  }

  /** Every provider's name, registered ones first, then in discovery order. */
  public Set<String> names() {
    return byName.keySet();
  }

  /** Every provider, in the order of {@link #names()}. */
  public List<S> all() {
    return List.copyOf(byName.values());
  }

  /** Collects providers, then resolves them once in {@link #build()}. */
  public static final class Builder<S> {
    private final Class<S> service;
    private final Function<? super S, String> naming;
    private final List<S> registered = new ArrayList<>();
    private final List<ClassLoader> extraLoaders = new ArrayList<>();
    private boolean discover = true;

    private Builder(Class<S> service, Function<? super S, String> naming) {
      this.service = Objects.requireNonNull(service, "service");
      this.naming = Objects.requireNonNull(naming, "naming");
    }

    /** Registers a provider explicitly. Registered providers take precedence over discovery. */
    public Builder<S> register(S provider) {
      registered.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** Whether to look on the class path through {@link ServiceLoader}; on by default. */
    public Builder<S> discover(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** Also searches this class loader, after the context and SPI loaders (e.g. a plugin folder). */
    public Builder<S> classLoader(ClassLoader loader) {
      extraLoaders.add(Objects.requireNonNull(loader, "loader"));
      return this;
    }

    /**
     * Resolves the providers.
     *
     * @throws ConfigurationException when two different classes claim one name, a name is blank, or a
     *     discovered provider cannot be instantiated
     */
    public Providers<S> build() {
      Map<String, S> byName = new LinkedHashMap<>();
      for (S provider : registered) {
        put(byName, provider, true);
      }
      if (discover) {
        for (ClassLoader loader : loaders()) {
          for (S provider : load(loader)) {
            put(byName, provider, false);
          }
        }
      }
      return new Providers<>(service, byName);
    }

    private List<ClassLoader> loaders() {
      List<ClassLoader> loaders = new ArrayList<>();
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null) {
        loaders.add(context);
      }
      ClassLoader own = service.getClassLoader();
      if (own != null && own != context) {
        loaders.add(own);
      }
      for (ClassLoader extra : extraLoaders) {
        if (!loaders.contains(extra)) {
          loaders.add(extra);
        }
      }
      return loaders;
    }

    private List<S> load(ClassLoader loader) {
      List<S> found = new ArrayList<>();
      try {
        for (S provider : ServiceLoader.load(service, loader)) {
          found.add(provider);
        }
      } catch (ServiceConfigurationError e) {
        throw new ConfigurationException(
            "provider.unloadable", "Cannot load a " + service.getName() + " provider: " + e.getMessage(), e);
      }
      return found;
    }

    private void put(Map<String, S> byName, S provider, boolean explicit) {
      String name = naming.apply(provider);
      if (name == null || name.isBlank()) {
        throw new ConfigurationException(
            "provider.unnamed", provider.getClass().getName() + " returned a blank " + service.getSimpleName() + " name");
      }
      S existing = byName.get(name);
      if (existing == null) {
        byName.put(name, provider);
        return;
      }
      if (existing.getClass() == provider.getClass() && !explicit) {
        return; // the same class seen again through another loader, or registered explicitly already
      }
      throw new ConfigurationException(
          "provider.duplicate_name",
          "Two "
              + service.getSimpleName()
              + " providers claim the name '"
              + name
              + "': "
              + existing.getClass().getName()
              + " and "
              + provider.getClass().getName());
    }
  }
}
