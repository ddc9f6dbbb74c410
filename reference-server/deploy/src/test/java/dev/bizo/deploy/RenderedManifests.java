package dev.bizo.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One kustomization rendered by {@code kubectl kustomize} and every object parsed into its fabric8 model
 * type. An object of a kind not listed here fails the parse: each kind that ships must be checked.
 */
record RenderedManifests(String name, List<HasMetadata> objects) {

  /** Debian's kubectl, else whatever is on the PATH. */
  static final Optional<Path> KUBECTL = findKubectl();

  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Namespace", Namespace.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "v1/Service", Service.class,
      "apps/v1/Deployment", Deployment.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
      "networking.k8s.io/v1/Ingress", Ingress.class);

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** Every directory under k8s/ that holds a kustomization, named by its path relative to k8s/. */
  static List<Path> kustomizations() throws IOException {
    Path root = ServerFacts.deployDir().resolve("k8s");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted().toList();
    }
  }

  static RenderedManifests render(String relativeDir) throws IOException, InterruptedException {
    Path dir = ServerFacts.deployDir().resolve("k8s").resolve(relativeDir);
    Path kubectl = KUBECTL.orElseThrow(() -> new IllegalStateException("kubectl is not installed"));
    Path output = Files.createTempFile("kustomize", ".yaml");
    Path errors = Files.createTempFile("kustomize", ".err");
    try {
      Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
          .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + Files.readString(errors, StandardCharsets.UTF_8));
      }
      return new RenderedManifests(relativeDir, parse(Files.readString(output, StandardCharsets.UTF_8)));
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(errors);
    }
  }

  static List<HasMetadata> parse(String yaml) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || document.isEmpty()) {
          continue;
        }
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> model = KINDS.get(type);
        if (model == null) {
          throw new IllegalArgumentException("no check covers " + type + " (" + document.path("metadata").path("name").asText() + ")");
        }
        objects.add(YAML.treeToValue(document, model));
      }
    }
    return List.copyOf(objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError(this.name + ": expected one " + type.getSimpleName() + " " + name + ", found " + found.size());
    }
    return found.get(0);
  }

  /** A generated object by its base name: kustomize appends a content hash to generated ConfigMaps and Secrets. */
  <T extends HasMetadata> Optional<T> generated(Class<T> type, String baseName) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(baseName) || o.getMetadata().getName().matches(baseName + "-[a-z0-9]{10}"))
        .findFirst();
  }

  @Override
  public String toString() {
    return name;
  }

  private static Optional<Path> findKubectl() {
    Path debian = Path.of("/usr/bin/kubectl");
    if (Files.isExecutable(debian)) {
      return Optional.of(debian);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
