package dev.bizo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.benchmarks.server.ServerJvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server figures measure the server as its READMEs tell an operator to run it. */
class ServerJvmFlagsTest {

  private static final String JAR = "reference-server/target/bizo-server-bootable.jar";
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent().getParent();
  private static final List<String> RUN_COMMAND_FLAGS = Stream.concat(ServerJvmFlags.SHIPPED.stream(),
      Stream.of(ServerJvmFlags.classArchiveFlag("reference-server/target/" + ServerJvmFlags.CLASS_ARCHIVE))).toList();

  @Test
  void a_jar_without_a_class_archive_beside_it_runs_with_the_shipped_flags_alone(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("server.jar"));
    assertThat(ServerJvmFlags.forJar(jar)).isEqualTo(ServerJvmFlags.SHIPPED);
    Files.createFile(dir.resolve(ServerJvmFlags.CLASS_ARCHIVE));
    assertThat(ServerJvmFlags.forJar(jar)).containsExactly("-XX:+UseSerialGC", "-Xmx512m",
        "-XX:SharedArchiveFile=" + dir.toAbsolutePath().resolve(ServerJvmFlags.CLASS_ARCHIVE));
  }

  @Test
  void the_repository_readme_runs_the_server_with_the_measured_flags() throws IOException {
    assertThat(runCommandFlags(REPOSITORY.resolve("README.md"))).isNotEmpty().allSatisfy(
        flags -> assertThat(flags).isEqualTo(RUN_COMMAND_FLAGS));
  }

  @Test
  void the_server_readme_runs_the_server_with_the_measured_flags() throws IOException {
    assertThat(runCommandFlags(REPOSITORY.resolve("reference-server").resolve("README.md"))).isNotEmpty().allSatisfy(
        flags -> assertThat(flags).isEqualTo(RUN_COMMAND_FLAGS));
  }

  /** The words between {@code java} and {@code -jar} of every line that runs the server's jar. */
  private static List<List<String>> runCommandFlags(Path readme) throws IOException {
    return Files.readAllLines(readme).stream()
        .filter(l -> l.contains(" -jar " + JAR))
        .map(l -> {
          List<String> words = Arrays.asList(l.substring(0, l.indexOf(" -jar " + JAR)).split("\\s+"));
          int java = words.lastIndexOf("java");
          return java < 0 ? List.of("<no java before -jar: " + l + ">") : List.copyOf(words.subList(java + 1, words.size()));
        })
        .toList();
  }
}
