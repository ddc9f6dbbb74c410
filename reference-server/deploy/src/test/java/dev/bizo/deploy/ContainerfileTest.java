package dev.bizo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.deploy.Containerfile.Instruction;
import dev.bizo.deploy.Containerfile.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The structure of reference-server/Containerfile, against the server's real build and configuration. */
class ContainerfileTest {

  private static final ServerFacts SERVER = ServerFacts.read();
  private static final Containerfile FILE = Containerfile.read(ServerFacts.serverDir().resolve("Containerfile"));

  @Test
  void builds_in_one_stage_and_runs_from_another_that_copies_the_result() {
    assertThat(FILE.stages()).hasSizeGreaterThanOrEqualTo(2);
    Stage build = FILE.stages().get(0);
    assertThat(build.name()).as("the build stage is named, so later stages can copy from it").isPresent();
    assertThat(build.all("RUN")).anySatisfy(run -> assertThat(run.arguments()).contains("./mvnw").contains("-pl reference-server"));
    List<Instruction> copies = FILE.runtime().all("COPY");
    assertThat(copies).anySatisfy(copy -> assertThat(copy.arguments()).startsWith("--from=" + build.name().get() + " ")
        .contains(SERVER.bootableJarName()));
    assertThat(FILE.runtime().all("RUN")).as("the runtime stage has no shell: it runs the JRE alone, in exec form")
        .allSatisfy(run -> assertThat(run.execForm()).hasValueSatisfying(exec -> assertThat(exec.get(0)).isEqualTo("/usr/bin/java")));
  }

  @Test
  void writes_its_class_archive_with_its_own_jre_and_maps_it_at_every_start() {
    List<String> training = FILE.runtime().all("RUN").stream().map(run -> run.execForm().orElseThrow())
        .filter(exec -> exec.contains("ClassArchiveTraining")).findFirst()
        .orElseThrow(() -> new AssertionError("the runtime stage writes the archive: the JRE that runs it must write it"));
    String jarPath = training.get(training.indexOf("ClassArchiveTraining") + 1);
    String archive = training.get(training.indexOf("ClassArchiveTraining") + 2);
    assertThat(Path.of(jarPath).getFileName().toString()).isEqualTo(SERVER.bootableJarName());
    List<String> entrypoint = FILE.runtime().last("ENTRYPOINT").orElseThrow().execForm().orElseThrow();
    assertThat(entrypoint).contains("-XX:SharedArchiveFile=" + archive).contains(jarPath);
    assertThat(training).as("trained with the collector the ENTRYPOINT runs").contains("-XX:+UseSerialGC");
    assertThat(entrypoint).contains("-XX:+UseSerialGC");
    assertThat(FILE.runtime().all("COPY")).as("the runtime user may write the archive's directory")
        .anySatisfy(copy -> assertThat(copy.arguments()).contains("--chown=65532").endsWith(" " + Path.of(archive).getParent()));
    assertThat(FILE.stages().get(0).all("RUN"))
        .anySatisfy(run -> assertThat(run.arguments()).contains("javac").contains("reference-server/src/build/ClassArchiveTraining.java"));
    assertThat(Files.isRegularFile(ServerFacts.serverDir().resolve("src/build/ClassArchiveTraining.java"))).isTrue();
  }

  @Test
  void runs_on_a_jre_image_without_a_build_toolchain() {
    String image = FILE.runtime().image();
    assertThat(image).doesNotContain("jdk").doesNotContain("maven");
    assertThat(image).matches(i -> i.contains("distroless/java17") || i.contains("17-jre"), "a Java 17 JRE image");
  }

  @Test
  void runs_as_a_numeric_non_root_user() {
    Instruction user = FILE.runtime().last("USER").orElseThrow(() -> new AssertionError("no USER in the runtime stage"));
    String uid = user.arguments().split(":")[0];
    assertThat(uid).as("numeric, so Kubernetes can verify runAsNonRoot").matches("[0-9]+");
    assertThat(Integer.parseInt(uid)).isPositive();
    String gid = user.arguments().contains(":") ? user.arguments().split(":")[1] : uid;
    assertThat(Integer.parseInt(gid)).isPositive();
  }

  @Test
  void exposes_the_ports_the_server_is_configured_with() {
    Set<Integer> exposed = FILE.runtime().all("EXPOSE").stream()
        .flatMap(e -> Arrays.stream(e.arguments().split("\\s+")))
        .map(p -> Integer.parseInt(p.replace("/tcp", "")))
        .collect(Collectors.toSet());
    assertThat(exposed).contains(SERVER.httpPort(), SERVER.managementPort());
    assertThat(environment()).contains(
        "BIZO_HTTP_PORT=" + SERVER.httpPort(), "BIZO_MANAGEMENT_PORT=" + SERVER.managementPort());
  }

  @Test
  void entrypoint_runs_the_bootable_jar_the_server_build_produces_with_container_aware_heap() {
    List<String> entrypoint = FILE.runtime().last("ENTRYPOINT").orElseThrow().execForm()
        .orElseThrow(() -> new AssertionError("ENTRYPOINT must be in exec form: no shell, and java gets SIGTERM itself"));
    assertThat(entrypoint.get(0)).as("the JRE's java, by absolute path: nothing depends on PATH").isEqualTo("/usr/bin/java");
    int jar = entrypoint.indexOf("-jar");
    assertThat(jar).as("java -jar").isPositive();
    String jarPath = entrypoint.get(jar + 1);
    assertThat(Path.of(jarPath).getFileName().toString()).isEqualTo(SERVER.bootableJarName());
    assertThat(FILE.runtime().all("COPY")).as("the jar is copied to where the ENTRYPOINT looks")
        .anySatisfy(copy -> assertThat(copy.arguments()).endsWith(" " + jarPath));
    assertThat(entrypoint.subList(0, jar)).anySatisfy(flag -> assertThat(flag).matches("-XX:MaxRAMPercentage=[0-9.]+"));
    assertThat(entrypoint.subList(0, jar)).as("WildFly unpacks itself into java.io.tmpdir").contains("-Djava.io.tmpdir=/tmp");
    assertThat(entrypoint.subList(jar + 2, entrypoint.size()))
        .as("in a pod the probes and the Service reach the pod IP, so both listeners bind to all interfaces")
        .contains("-b=0.0.0.0", "-bmanagement=0.0.0.0");
  }

  @Test
  void healthcheck_asks_readiness_on_the_management_port_with_the_jre_alone() {
    Instruction check = FILE.runtime().last("HEALTHCHECK").orElseThrow(() -> new AssertionError("no HEALTHCHECK"));
    String arguments = check.arguments();
    String command = arguments.substring(arguments.indexOf("CMD ") + 4);
    List<String> exec = new Instruction("CMD", command).execForm()
        .orElseThrow(() -> new AssertionError("HEALTHCHECK CMD must be in exec form: the runtime image has no shell"));
    assertThat(exec.get(0)).as("no curl or wget in the image: the JRE runs the probe").isEqualTo("/usr/bin/java");
    assertThat(exec.get(exec.size() - 1))
        .isEqualTo("http://127.0.0.1:" + SERVER.managementPort() + ServerFacts.READY_PATH);
    String probeDir = exec.get(exec.indexOf("-cp") + 1);
    assertThat(FILE.runtime().all("COPY")).anySatisfy(copy -> assertThat(copy.arguments()).endsWith(" " + probeDir));
    assertThat(FILE.stages().get(0).all("RUN"))
        .anySatisfy(run -> assertThat(run.arguments()).contains("javac").contains(HealthProbeTest.SOURCE_IN_REPOSITORY));
    assertThat(Files.isRegularFile(ServerFacts.serverDir().getParent().resolve(HealthProbeTest.SOURCE_IN_REPOSITORY))).isTrue();
  }

  @Test
  void data_directory_is_a_volume_owned_by_the_runtime_user() {
    String dataDir = environment().stream().filter(e -> e.startsWith("BIZO_DATA_DIR=")).findFirst()
        .orElseThrow(() -> new AssertionError("BIZO_DATA_DIR is not set")).substring("BIZO_DATA_DIR=".length());
    assertThat(FILE.runtime().all("VOLUME")).anySatisfy(v -> assertThat(v.arguments()).contains("\"" + dataDir + "\""));
    String uid = FILE.runtime().last("USER").orElseThrow().arguments().split(":")[0];
    assertThat(FILE.runtime().all("COPY"))
        .anySatisfy(copy -> assertThat(copy.arguments()).contains("--chown=" + uid).endsWith(" " + dataDir));
  }

  @Test
  void build_context_leaves_out_build_output_runtime_data_and_history() throws Exception {
    List<String> ignored = Files.readAllLines(ServerFacts.serverDir().getParent().resolve(".dockerignore")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    assertThat(ignored).contains(".git", "**/target", "**/bizo-data");
    assertThat(ignored).noneMatch(l -> l.startsWith("!"));
  }

  @Test
  void parser_joins_continuations_drops_comments_and_names_stages() {
    Containerfile parsed = Containerfile.parse(String.join("\n",
        "# a comment",
        "FROM jdk AS build",
        "RUN one \\",
        "    two",
        "FROM jre",
        "ENTRYPOINT [\"java\", \"-jar\", \"app.jar\"]"));

    assertThat(parsed.stages()).extracting(Stage::image).containsExactly("jdk", "jre");
    assertThat(parsed.stages().get(0).name()).contains("build");
    assertThat(parsed.stages().get(0).all("RUN")).extracting(Instruction::arguments).containsExactly("one  two");
    assertThat(parsed.runtime().last("ENTRYPOINT").orElseThrow().execForm()).contains(List.of("java", "-jar", "app.jar"));
    assertThatThrownBy(() -> Containerfile.parse("USER 1\nFROM x")).hasMessageContaining("before the first FROM");
  }

  private static List<String> environment() {
    return FILE.runtime().all("ENV").stream().flatMap(e -> Arrays.stream(e.arguments().split("\\s+"))).toList();
  }
}
