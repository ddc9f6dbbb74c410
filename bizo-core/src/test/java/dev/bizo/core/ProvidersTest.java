package dev.bizo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {

  /** A tiny SPI; two implementations are registered in META-INF/services for discovery. */
  public interface Greeter {
    String name();

    default String greet() {
      return "hello from " + name();
    }
  }

  public static final class EnglishGreeter implements Greeter {
    private final String suffix;

    public EnglishGreeter() {
      this("");
    }

    EnglishGreeter(String suffix) {
      this.suffix = suffix;
    }

    @Override
    public String name() {
      return "english";
    }

    @Override
    public String greet() {
      return "hello" + suffix;
    }
  }

  public static final class FrenchGreeter implements Greeter {
    @Override
    public String name() {
      return "french";
    }
  }

  public static final class ImpostorGreeter implements Greeter {
    @Override
    public String name() {
      return "english";
    }
  }

  @Test
  void discovers_providers_through_service_loader() {
    Providers<Greeter> greeters = Providers.builder(Greeter.class, Greeter::name).build();
    assertThat(greeters.names()).containsExactlyInAnyOrder("english", "french");
    assertThat(greeters.require("french")).isInstanceOf(FrenchGreeter.class);
  }

  @Test
  void explicit_registration_comes_first_and_replaces_a_discovered_instance_of_its_class() {
    Providers<Greeter> greeters =
        Providers.builder(Greeter.class, Greeter::name).register(new EnglishGreeter(", configured")).build();
    assertThat(greeters.names()).first().isEqualTo("english");
    assertThat(greeters.require("english").greet()).isEqualTo("hello, configured");
    assertThat(greeters.all()).hasSize(2);
  }

  @Test
  void registration_alone_when_discovery_is_off() {
    Providers<Greeter> greeters =
        Providers.builder(Greeter.class, Greeter::name).discover(false).register(new FrenchGreeter()).build();
    assertThat(greeters.names()).containsExactly("french");
    assertThat(greeters.find("english")).isEmpty();
  }

  @Test
  void two_classes_claiming_one_name_fail_naming_both() {
    assertThatThrownBy(
            () -> Providers.builder(Greeter.class, Greeter::name).register(new ImpostorGreeter()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'english'")
        .hasMessageContaining(ImpostorGreeter.class.getName())
        .hasMessageContaining(EnglishGreeter.class.getName())
        .extracting(e -> ((BizoException) e).code())
        .isEqualTo("provider.duplicate_name");
  }

  @Test
  void registering_the_same_name_twice_explicitly_fails() {
    assertThatThrownBy(
            () ->
                Providers.builder(Greeter.class, Greeter::name)
                    .discover(false)
                    .register(new FrenchGreeter())
                    .register(new FrenchGreeter())
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'french'");
  }

  @Test
  void unknown_names_are_reported_with_the_known_ones() {
    Providers<Greeter> greeters = Providers.builder(Greeter.class, Greeter::name).build();
    assertThat(greeters.find("klingon")).isEmpty();
    assertThatThrownBy(() -> greeters.require("klingon"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("klingon")
        .hasMessageContaining("english");
  }

  @Test
  void searches_the_context_class_loader_before_its_own(@TempDir Path dir) throws Exception {
    // The context loader lists only ImpostorGreeter; the SPI's own loader lists EnglishGreeter. Whichever
    // loader is searched first supplies the provider found first, which the duplicate error names first.
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(Greeter.class.getName()), ImpostorGreeter.class.getName() + "\n");
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader context = new OwnResourcesOnly(dir.toUri().toURL(), Greeter.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(context);
      assertThatThrownBy(() -> Providers.builder(Greeter.class, Greeter::name).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageEndingWith(ImpostorGreeter.class.getName() + " and " + EnglishGreeter.class.getName());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** Loads classes through its parent but lists only its own resources, like an isolated plugin loader. */
  private static final class OwnResourcesOnly extends URLClassLoader {
    OwnResourcesOnly(URL url, ClassLoader parent) {
      super(new URL[] {url}, parent);
    }

    @Override
    public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
      return findResources(name);
    }
  }
}
