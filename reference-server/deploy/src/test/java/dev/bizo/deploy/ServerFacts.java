package dev.bizo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the reference server really is, read from its build and sources rather than restated here: the
 * bootable jar's name (its pom), the default ports and the variables its WildFly configuration reads
 * (configure-server.cli), and every {@code BIZO_*} variable a {@code Setting} declares anywhere in the
 * repository. The deployment files are checked against these facts, so renaming a port or a setting in
 * the server turns these tests red instead of leaving a manifest that silently stops matching.
 */
record ServerFacts(
    String bootableJarName, int httpPort, int managementPort, int shutdownTimeoutSeconds, Set<String> knownVariables) {

  /** MicroProfile Health's endpoints on WildFly's management interface. */
  static final String STARTED_PATH = "/health/started";

  static final String LIVE_PATH = "/health/live";

  static final String READY_PATH = "/health/ready";

  /** Settings the server requires once BIZO_DATABASE_URL points at an external database (PlatformDatabase). */
  static final Set<String> REQUIRED_WITH_EXTERNAL_DATABASE =
      Set.of("BIZO_DATABASE_URL", "BIZO_DATABASE_USER", "BIZO_DATABASE_PASSWORD", "BIZO_DATABASE_APP_PASSWORD", "BIZO_MASTER_KEY");

  private static final Pattern SETTING_KEY =
      Pattern.compile("Setting\\.(?:string|integer|bool|duration|uri|enumeration)\\(\\s*\"(bizo\\.[a-z0-9.\\-]+)\"");

  private static final Pattern CLI_VARIABLE = Pattern.compile("env\\.(BIZO_[A-Z0-9_]+)(?::([^}]*))?}");

  /** The reference-server directory: {@code -Dbizo.server.dir} (set by the pom), else the module's parent. */
  static Path serverDir() {
    String configured = System.getProperty("bizo.server.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("..");
    return dir.toAbsolutePath().normalize();
  }

  /** This module's directory (reference-server/deploy). */
  static Path deployDir() {
    return serverDir().resolve("deploy");
  }

  static ServerFacts read() {
    Path server = serverDir();
    String pom = read(server.resolve("pom.xml"));
    String cli = read(server.resolve("src/main/wildfly/configure-server.cli"));
    Set<String> variables = new TreeSet<>();
    Matcher cliVariables = CLI_VARIABLE.matcher(cli);
    while (cliVariables.find()) {
      variables.add(cliVariables.group(1));
    }
    variables.addAll(settingVariables(server.getParent()));
    return new ServerFacts(
        tag(pom, "bootable.jar.name"),
        Integer.parseInt(cliDefault(cli, "BIZO_HTTP_PORT")),
        Integer.parseInt(cliDefault(cli, "BIZO_MANAGEMENT_PORT")),
        Integer.parseInt(cliDefault(cli, "BIZO_SHUTDOWN_TIMEOUT_SECONDS")),
        Set.copyOf(variables));
  }

  /** Environment names of every {@code Setting} declared in the main sources of the repository. */
  private static Set<String> settingVariables(Path repository) {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(repository)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .forEach(p -> {
            Matcher m = SETTING_KEY.matcher(read(p));
            while (m.find()) {
              names.add(m.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("no Setting declarations found under " + repository);
    }
    return names;
  }

  private static String cliDefault(String cli, String variable) {
    Matcher m = CLI_VARIABLE.matcher(cli);
    while (m.find()) {
      if (m.group(1).equals(variable) && m.group(2) != null) {
        return m.group(2);
      }
    }
    throw new IllegalStateException("configure-server.cli gives no default for " + variable);
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(xml);
    if (!m.find()) {
      throw new IllegalStateException("no <" + name + "> in the reference-server pom");
    }
    return m.group(1).trim();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
