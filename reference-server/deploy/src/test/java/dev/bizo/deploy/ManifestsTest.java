package dev.bizo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every kustomization under deploy/k8s with {@code kubectl kustomize}, parses each object with
 * the fabric8 model, and checks it against the server's real configuration and the measured footprint.
 * Skipped, visibly, where kubectl is not installed.
 */
class ManifestsTest {

  static final String SERVER = "bizo-server";

  /**
   * Highest RSS of one server measured with the shipped JVM flags (the benchmark suite's server-peak-rss under its
   * 32-client ingest), in MiB (deploy/README.md).
   */
  static final long MEASURED_RSS_MIB = 728;

  /**
   * What the JVM holds beside the heap: ~300 MiB measured with NMT and G1 (metaspace, code cache, GC, threads) plus the
   * embedding model's native memory, which NMT does not see: peak RSS minus the 768 MiB heap cap it ran with.
   */
  static final long MEASURED_NON_HEAP_MIB = 490;

  /** What the bootable jar unpacks into java.io.tmpdir at every start (WildFly and the WAR), measured. */
  static final long UNPACKED_WILDFLY_MIB = 950;

  /** The secrets an operator creates for the production overlay: name to keys. */
  static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
      "bizo-database", Set.of("url", "user", "password", "app-password"),
      "bizo-redis", Set.of("url"),
      "bizo-master-key", Set.of("master-key"));

  /** Optional settings an operator may add: the agents' language model, in a ConfigMap and a Secret named bizo-llm. */
  static final String LLM = "bizo-llm";

  private static final ServerFacts FACTS = ServerFacts.read();
  private static final Map<String, RenderedManifests> RENDERED = new HashMap<>();

  @BeforeAll
  static void render_every_kustomization() throws Exception {
    assumeTrue(RenderedManifests.KUBECTL.isPresent(), "kubectl is not installed: the manifests were NOT rendered or checked");
    Path root = ServerFacts.deployDir().resolve("k8s");
    for (Path dir : RenderedManifests.kustomizations()) {
      String name = root.relativize(dir).toString();
      RENDERED.put(name, RenderedManifests.render(name));
    }
  }

  static Stream<String> kustomizations() throws Exception {
    Path root = ServerFacts.deployDir().resolve("k8s");
    return RenderedManifests.kustomizations().stream().map(dir -> root.relativize(dir).toString());
  }

  @Test
  void base_and_both_overlays_render() {
    assertThat(RENDERED.keySet()).containsExactlyInAnyOrder("base", "overlays/k3s-dev", "overlays/production");
    RENDERED.values().forEach(r -> assertThat(r.objects()).as(r.name()).isNotEmpty());
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void server_runs_two_or_more_replicas_with_probes_on_the_health_endpoints(String name) {
    RenderedManifests m = RENDERED.get(name);
    Deployment deployment = m.one(Deployment.class, SERVER);
    assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    Container server = serverContainer(deployment);

    assertProbe(server, server.getStartupProbe(), ServerFacts.STARTED_PATH);
    assertProbe(server, server.getLivenessProbe(), ServerFacts.LIVE_PATH);
    assertProbe(server, server.getReadinessProbe(), ServerFacts.READY_PATH);
    long startupBudget = (long) server.getStartupProbe().getPeriodSeconds() * server.getStartupProbe().getFailureThreshold();
    assertThat(startupBudget).as("seconds a cold start may take (measured 15-60 s on two busy cores)").isGreaterThanOrEqualTo(120);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void ports_match_the_server_configuration(String name) {
    RenderedManifests m = RENDERED.get(name);
    Deployment deployment = m.one(Deployment.class, SERVER);
    Container server = serverContainer(deployment);
    Map<String, String> settings = settings(m, server);

    assertThat(containerPort(server, "http")).isEqualTo(FACTS.httpPort());
    assertThat(containerPort(server, "management")).isEqualTo(FACTS.managementPort());
    assertThat(settings).containsEntry("BIZO_HTTP_PORT", Integer.toString(FACTS.httpPort()))
        .containsEntry("BIZO_MANAGEMENT_PORT", Integer.toString(FACTS.managementPort()));

    Service service = m.one(Service.class, SERVER);
    assertThat(service.getSpec().getSelector()).isNotEmpty();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
    for (ServicePort port : service.getSpec().getPorts()) {
      assertThat(resolvePort(server, port.getTargetPort())).as("Service port " + port.getName()).isEqualTo(FACTS.httpPort());
    }
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", Integer.toString(FACTS.managementPort()));
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void every_variable_is_one_the_server_reads_and_the_external_services_are_configured(String name) {
    RenderedManifests m = RENDERED.get(name);
    Container server = serverContainer(m.one(Deployment.class, SERVER));
    Set<String> names = new TreeSet<>(settings(m, server).keySet());
    server.getEnv().forEach(e -> names.add(e.getName()));

    assertThat(names).allSatisfy(variable -> assertThat(FACTS.knownVariables())
        .as("%s is read by no Setting and no WildFly expression", variable).contains(variable));
    assertThat(names).containsAll(ServerFacts.REQUIRED_WITH_EXTERNAL_DATABASE).contains("BIZO_REDIS_URL");
    for (EnvVar env : server.getEnv()) {
      if (env.getName().equals("BIZO_DATABASE_URL") || env.getName().endsWith("PASSWORD") || env.getName().equals("BIZO_MASTER_KEY")
          || env.getName().equals("BIZO_REDIS_URL")) {
        assertThat(env.getValueFrom()).as(env.getName() + " comes from a Secret, never a literal").isNotNull();
        assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void every_container_has_requests_and_limits(String name) {
    for (PodTemplateSpec pod : pods(RENDERED.get(name))) {
      for (Container container : allContainers(pod)) {
        assertThat(container.getResources()).as(container.getName()).isNotNull();
        for (String resource : List.of("cpu", "memory")) {
          Quantity request = container.getResources().getRequests().get(resource);
          Quantity limit = container.getResources().getLimits().get(resource);
          assertThat(request).as(container.getName() + " requests " + resource).isNotNull();
          assertThat(limit).as(container.getName() + " limits " + resource).isNotNull();
          assertThat(request.getNumericalAmount()).as(container.getName() + " " + resource).isLessThanOrEqualTo(limit.getNumericalAmount());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void server_memory_is_sized_from_the_measured_footprint(String name) {
    Container server = serverContainer(RENDERED.get(name).one(Deployment.class, SERVER));
    long requestMib = mebibytes(server.getResources().getRequests().get("memory"));
    long limitMib = mebibytes(server.getResources().getLimits().get("memory"));
    double heapPercent = maxRamPercentage();

    assertThat(requestMib).as("the scheduler reserves what one server was measured to use").isGreaterThanOrEqualTo(MEASURED_RSS_MIB);
    assertThat(limitMib + "m").as("the failure test runs its replicas in a JVM sized for this limit").isEqualTo(ServerProcess.CONTAINER_MEMORY);
    assertThat(limitMib * (100 - heapPercent) / 100)
        .as("room beside a full heap (MaxRAMPercentage=%s of %d MiB) for the measured non-heap", heapPercent, limitMib)
        .isGreaterThanOrEqualTo(MEASURED_NON_HEAP_MIB);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void every_pod_runs_non_root_without_privileges(String name) {
    for (PodTemplateSpec pod : pods(RENDERED.get(name))) {
      PodSecurityContext podContext = pod.getSpec().getSecurityContext();
      assertThat(podContext).as("pod securityContext").isNotNull();
      assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      assertThat(pod.getSpec().getAutomountServiceAccountToken()).as("no API token: nothing here calls the API server").isFalse();
      for (Container container : allContainers(pod)) {
        SecurityContext context = container.getSecurityContext();
        assertThat(context).as(container.getName()).isNotNull();
        Boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
        Long uid = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        assertThat(nonRoot).as(container.getName() + " runAsNonRoot").isTrue();
        assertThat(uid).as(container.getName() + " runs as a numeric non-root user").isNotNull().isPositive();
        assertThat(context.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
        assertThat(context.getCapabilities().getDrop()).as(container.getName()).contains("ALL");
        assertThat(context.getCapabilities().getAdd()).as(container.getName()).isNullOrEmpty();
        assertThat(context.getPrivileged()).as(container.getName()).isNotEqualTo(Boolean.TRUE);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void read_only_root_filesystems_get_writable_volumes_where_the_server_writes(String name) {
    RenderedManifests m = RENDERED.get(name);
    for (PodTemplateSpec pod : pods(m)) {
      for (Container container : allContainers(pod)) {
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(container.getName() + " readOnlyRootFilesystem").isTrue();
        for (VolumeMount mount : container.getVolumeMounts()) {
          assertThat(volumeNames(m, pod)).as(container.getName() + " mounts a declared volume").contains(mount.getName());
        }
      }
    }
    Deployment deployment = m.one(Deployment.class, SERVER);
    Container server = serverContainer(deployment);
    String dataDir = settings(m, server).get("BIZO_DATA_DIR");
    assertThat(dataDir).as("BIZO_DATA_DIR is set: the default ./bizo-data is on the read-only root").startsWith("/");
    Volume tmp = emptyDirAt(deployment.getSpec().getTemplate().getSpec(), server, "/tmp");
    assertThat(mebibytes(tmp.getEmptyDir().getSizeLimit()))
        .as("WildFly unpacks %d MiB into /tmp at each start, and a killed container leaves its copy behind", UNPACKED_WILDFLY_MIB)
        .isGreaterThanOrEqualTo(3 * UNPACKED_WILDFLY_MIB);
    emptyDirAt(deployment.getSpec().getTemplate().getSpec(), server, dataDir);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void termination_grace_covers_the_graceful_shutdown(String name) {
    RenderedManifests m = RENDERED.get(name);
    Deployment deployment = m.one(Deployment.class, SERVER);
    Container server = serverContainer(deployment);
    int shutdown = Integer.parseInt(settings(m, server).getOrDefault("BIZO_SHUTDOWN_TIMEOUT_SECONDS", Integer.toString(FACTS.shutdownTimeoutSeconds())));
    long preStop = server.getLifecycle() != null && server.getLifecycle().getPreStop() != null && server.getLifecycle().getPreStop().getSleep() != null
        ? server.getLifecycle().getPreStop().getSleep().getSeconds() : 0;
    // WildFly's own stop after the suspend took ~5 s when measured; keep that much again as margin.
    assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isGreaterThanOrEqualTo(preStop + shutdown + 10);
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .as("a rollout never drops below the replica count").isZero();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void autoscaler_budget_and_network_policy_target_the_server_pods(String name) {
    RenderedManifests m = RENDERED.get(name);
    Deployment deployment = m.one(Deployment.class, SERVER);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    HorizontalPodAutoscaler hpa = m.one(HorizontalPodAutoscaler.class, SERVER);
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(SERVER);
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(deployment.getSpec().getReplicas());
    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));

    PodDisruptionBudget pdb = m.one(PodDisruptionBudget.class, SERVER);
    assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
    assertThat(minAvailable).as("one pod at a time can be drained, one keeps serving").isBetween(1, deployment.getSpec().getReplicas() - 1);

    NetworkPolicy policy = m.one(NetworkPolicy.class, SERVER);
    assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    Container server = serverContainer(deployment);
    List<Integer> ingress = new ArrayList<>();
    policy.getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(p -> ingress.add(resolvePort(server, p.getPort()))));
    assertThat(ingress).contains(FACTS.httpPort(), FACTS.managementPort());
    List<Integer> egress = new ArrayList<>();
    policy.getSpec().getEgress().forEach(rule -> rule.getPorts().stream().map(NetworkPolicyPort::getPort).forEach(p -> egress.add(p.getIntVal())));
    assertThat(egress).as("DNS, PostgreSQL, Redis").contains(53, 5432, 6379);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void the_largest_scale_out_stays_within_postgres_default_connection_limit(String name) {
    RenderedManifests m = RENDERED.get(name);
    Map<String, String> settings = settings(m, serverContainer(m.one(Deployment.class, SERVER)));
    int poolSize = Integer.parseInt(settings.get("BIZO_DATABASE_POOL_SIZE"));
    int maxReplicas = m.one(HorizontalPodAutoscaler.class, SERVER).getSpec().getMaxReplicas();
    // max_connections defaults to 100; leave room for a rolling update's extra pod, migrations and operators.
    assertThat((maxReplicas + 1) * poolSize).as("%d replicas (+1 surging) x pool of %d", maxReplicas, poolSize).isLessThanOrEqualTo(90);
  }

  @Test
  void k3s_dev_brings_pgvector_postgres_and_redis_that_the_secrets_point_at() {
    RenderedManifests m = RENDERED.get("overlays/k3s-dev");
    StatefulSet postgres = m.one(StatefulSet.class, "bizo-postgres");
    assertThat(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).contains("pgvector/pgvector:pg17");
    assertThat(postgres.getSpec().getVolumeClaimTemplates()).isNotEmpty();
    List<Container> waits = m.one(Deployment.class, SERVER).getSpec().getTemplate().getSpec().getInitContainers();
    assertThat(waits).as("the server waits for PostgreSQL instead of failing its deployment").singleElement()
        .satisfies(wait -> assertThat(wait.getCommand()).containsSubsequence("pg_isready", "-h", "bizo-postgres"));
    Deployment redis = m.one(Deployment.class, "bizo-redis");
    assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).contains("redis");

    Container server = serverContainer(m.one(Deployment.class, SERVER));
    URI database = URI.create(secretValue(m, server, "BIZO_DATABASE_URL").substring("jdbc:".length()));
    assertServiceSelects(m, database.getHost(), database.getPort(), postgres.getSpec().getTemplate().getMetadata().getLabels());
    URI redisUrl = URI.create(secretValue(m, server, "BIZO_REDIS_URL"));
    assertServiceSelects(m, redisUrl.getHost(), redisUrl.getPort(), redis.getSpec().getTemplate().getMetadata().getLabels());
    assertThat(Base64.getDecoder().decode(secretValue(m, server, "BIZO_MASTER_KEY"))).as("master key: 32 bytes").hasSize(32);

    Map<String, EnvVar> postgresEnv = new HashMap<>();
    postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(e -> postgresEnv.put(e.getName(), e));
    assertThat(postgresEnv.get("POSTGRES_USER").getValueFrom().getSecretKeyRef())
        .as("the server migrates as the role PostgreSQL was initialised with").isEqualTo(secretRef(server, "BIZO_DATABASE_USER"));
    assertThat(postgresEnv.get("POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef()).isEqualTo(secretRef(server, "BIZO_DATABASE_PASSWORD"));
    assertThat(database.getPath()).isEqualTo("/" + postgresEnv.get("POSTGRES_DB").getValue());
  }

  @Test
  void production_uses_external_services_and_the_secrets_the_readme_tells_operators_to_create() {
    RenderedManifests m = RENDERED.get("overlays/production");
    assertThat(m.all(StatefulSet.class)).as("no in-cluster database").isEmpty();
    assertThat(m.all(Secret.class)).as("secrets are created by the operator, never committed").isEmpty();
    assertThat(m.all(Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactly(SERVER);
    Container server = serverContainer(m.one(Deployment.class, SERVER));
    assertThat(server.getImage()).as("a pinned image from a registry").contains("/").doesNotEndWith(":latest").contains(":");

    Map<String, Set<String>> referenced = new HashMap<>();
    server.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
        .map(e -> e.getValueFrom().getSecretKeyRef())
        .filter(ref -> !Boolean.TRUE.equals(ref.getOptional()))
        .forEach(ref -> referenced.computeIfAbsent(ref.getName(), k -> new TreeSet<>()).add(ref.getKey()));
    assertThat(referenced).isEqualTo(EXTERNAL_SECRETS);

    String readme = ServerFacts.read(ServerFacts.deployDir().resolve("README.md"));
    EXTERNAL_SECRETS.forEach((secret, keys) -> {
      Matcher command = Pattern.compile("kubectl -n bizo create secret generic " + Pattern.quote(secret) + "((?: \\\\\\n\\s+--from-literal=[a-z-]+=\\S+)+)")
          .matcher(readme);
      assertThat(command.find()).as("README shows how to create " + secret).isTrue();
      Set<String> documented = new TreeSet<>();
      Matcher literal = Pattern.compile("--from-literal=([a-z-]+)=").matcher(command.group(1));
      while (literal.find()) {
        documented.add(literal.group(1));
      }
      assertThat(documented).as(secret + " keys in the README").isEqualTo(keys);
    });
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void the_language_model_is_wired_from_optional_references_and_unset_by_default(String name) {
    RenderedManifests m = RENDERED.get(name);
    Map<String, EnvVar> env = new HashMap<>();
    serverContainer(m.one(Deployment.class, SERVER)).getEnv().forEach(e -> env.put(e.getName(), e));

    assertThat(env).containsKeys("BIZO_LLM_BASE_URL", "BIZO_LLM_MODEL", "BIZO_LLM_API_KEY");
    for (String variable : List.of("BIZO_LLM_BASE_URL", "BIZO_LLM_MODEL")) {
      var ref = env.get(variable).getValueFrom().getConfigMapKeyRef();
      assertThat(ref).as(variable + " comes from the ConfigMap " + LLM).isNotNull();
      assertThat(ref.getName()).isEqualTo(LLM);
      assertThat(ref.getOptional()).as(variable + " is optional: without it the agents run offline").isTrue();
    }
    SecretKeySelector key = env.get("BIZO_LLM_API_KEY").getValueFrom().getSecretKeyRef();
    assertThat(key).as("the model's key comes from a Secret, never a literal").isNotNull();
    assertThat(key.getName()).isEqualTo(LLM);
    assertThat(key.getOptional()).isTrue();
    assertThat(m.generated(ConfigMap.class, LLM)).as("no model is configured by default: agents run offline").isEmpty();
    assertThat(m.generated(Secret.class, LLM)).isEmpty();
  }

  @Test
  void the_readme_shows_how_to_configure_the_language_model() {
    String readme = ServerFacts.read(ServerFacts.deployDir().resolve("README.md"));
    assertThat(readme).contains("kubectl -n bizo create configmap " + LLM)
        .contains("--from-literal=base-url=").contains("--from-literal=model=")
        .contains("kubectl -n bizo create secret generic " + LLM).contains("--from-literal=api-key=");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void each_overlay_serves_the_api_through_an_ingress_over_tls(String name) {
    RenderedManifests m = RENDERED.get(name);
    Ingress ingress = m.one(Ingress.class, SERVER);
    Service service = m.one(Service.class, SERVER);
    Set<String> servicePorts = new TreeSet<>();
    service.getSpec().getPorts().forEach(p -> servicePorts.add(p.getName()));

    List<IngressRule> rules = ingress.getSpec().getRules();
    assertThat(rules).isNotEmpty();
    Set<String> hosts = new TreeSet<>();
    for (IngressRule rule : rules) {
      hosts.add(rule.getHost());
      for (HTTPIngressPath path : rule.getHttp().getPaths()) {
        assertThat(path.getBackend().getService().getName()).isEqualTo(SERVER);
        assertThat(path.getBackend().getService().getPort().getName())
            .as("the API port; health and metrics stay off the Ingress").isEqualTo("http").isIn(servicePorts);
      }
    }
    List<IngressTLS> tls = ingress.getSpec().getTls();
    assertThat(tls).as("a tls: section").isNotEmpty();
    Set<String> tlsHosts = new TreeSet<>();
    tls.forEach(t -> {
      assertThat(t.getSecretName()).as("the certificate's secret").isNotBlank();
      tlsHosts.addAll(t.getHosts());
    });
    assertThat(tlsHosts).as("every routed host is covered by a certificate").containsAll(hosts);
  }

  @Test
  void k3s_dev_uses_traefik_on_its_https_entry_point() {
    Ingress ingress = RENDERED.get("overlays/k3s-dev").one(Ingress.class, SERVER);
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("traefik");
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("traefik.ingress.kubernetes.io/router.entrypoints", "websecure")
        .containsEntry("traefik.ingress.kubernetes.io/router.tls", "true");
  }

  @Test
  void production_gets_its_certificate_from_cert_manager_into_the_documented_secret() {
    Ingress ingress = RENDERED.get("overlays/production").one(Ingress.class, SERVER);
    assertThat(ingress.getMetadata().getAnnotations()).containsKey("cert-manager.io/cluster-issuer");
    String secret = ingress.getSpec().getTls().get(0).getSecretName();
    assertThat(secret).isEqualTo("bizo-tls");
    String readme = ServerFacts.read(ServerFacts.deployDir().resolve("README.md"));
    assertThat(readme).as("the README names the certificate's secret and the issuer annotation")
        .contains("`" + secret + "`").contains("cert-manager.io/cluster-issuer");
  }

  static Stream<String> overlays() throws Exception {
    return kustomizations().filter(name -> name.startsWith("overlays/"));
  }

  @Test
  void readme_commands_name_kustomizations_that_exist() throws Exception {
    String readme = ServerFacts.read(ServerFacts.deployDir().resolve("README.md"));
    Matcher apply = Pattern.compile("kubectl (?:apply|delete|kustomize)[^\\n]*? (?:-k )?(reference-server/deploy/k8s/\\S+)").matcher(readme);
    Set<String> named = new TreeSet<>();
    while (apply.find()) {
      named.add(apply.group(1));
    }
    assertThat(named).contains("reference-server/deploy/k8s/overlays/k3s-dev", "reference-server/deploy/k8s/overlays/production");
    Path repository = ServerFacts.serverDir().getParent();
    for (String dir : named) {
      assertThat(Files.isRegularFile(repository.resolve(dir).resolve("kustomization.yaml"))).as(dir).isTrue();
    }
    assertThat(readme).as("commands name the namespace the k3s-dev overlay creates").contains("-n bizo-dev");
    assertThat(RENDERED.get("overlays/k3s-dev").one(Deployment.class, SERVER).getMetadata().getNamespace()).isEqualTo("bizo-dev");
  }

  // ---- helpers ----

  private static Container serverContainer(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(SERVER)).findFirst().orElseThrow(() -> new AssertionError("no bizo-server container"));
  }

  /** Init containers too: they run in the same pod, under the same rules. */
  private static List<Container> allContainers(PodTemplateSpec pod) {
    List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
    if (pod.getSpec().getInitContainers() != null) {
      containers.addAll(pod.getSpec().getInitContainers());
    }
    return containers;
  }

  private static List<PodTemplateSpec> pods(RenderedManifests m) {
    List<PodTemplateSpec> pods = new ArrayList<>();
    m.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
    m.all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate()));
    assertThat(pods).isNotEmpty();
    return pods;
  }

  private static Set<String> volumeNames(RenderedManifests m, PodTemplateSpec pod) {
    Set<String> names = new TreeSet<>();
    if (pod.getSpec().getVolumes() != null) {
      pod.getSpec().getVolumes().forEach(v -> names.add(v.getName()));
    }
    m.all(StatefulSet.class).stream().filter(s -> s.getSpec().getTemplate() == pod)
        .flatMap(s -> s.getSpec().getVolumeClaimTemplates().stream()).forEach(c -> names.add(c.getMetadata().getName()));
    return names;
  }

  private static Volume emptyDirAt(PodSpec pod, Container container, String path) {
    VolumeMount mount = container.getVolumeMounts().stream().filter(v -> v.getMountPath().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    assertThat(mount.getReadOnly()).as(path + " writable").isNotEqualTo(Boolean.TRUE);
    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
    assertThat(volume.getEmptyDir()).as(path + " is an emptyDir").isNotNull();
    return volume;
  }

  private static void assertProbe(Container container, Probe probe, String path) {
    assertThat(probe).as("probe for " + path).isNotNull();
    assertThat(probe.getHttpGet()).as(path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(resolvePort(container, probe.getHttpGet().getPort())).as(path + " on the management port").isEqualTo(FACTS.managementPort());
    assertThat(probe.getTimeoutSeconds()).isNotNull().isPositive();
  }

  private static int containerPort(Container container, String name) {
    return container.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + name));
  }

  private static int resolvePort(Container container, IntOrString port) {
    return port.getIntVal() != null ? port.getIntVal() : containerPort(container, port.getStrVal());
  }

  /** The container's settings from its ConfigMaps (resolved by name in the render) and its literal env values. */
  private static Map<String, String> settings(RenderedManifests m, Container container) {
    Map<String, String> settings = new HashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      String name = from.getConfigMapRef().getName();
      ConfigMap map = m.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError(m.name() + ": envFrom names ConfigMap " + name + ", which is not rendered"));
      settings.putAll(map.getData());
    }
    container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> settings.put(e.getName(), e.getValue()));
    return settings;
  }

  private static SecretKeySelector secretRef(Container container, String variable) {
    return container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
        .map(e -> e.getValueFrom().getSecretKeyRef()).orElseThrow(() -> new AssertionError("no " + variable));
  }

  private static String secretValue(RenderedManifests m, Container container, String variable) {
    SecretKeySelector ref = secretRef(container, variable);
    Secret secret = m.all(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(ref.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(variable + " names Secret " + ref.getName() + ", which is not rendered"));
    String encoded = secret.getData().get(ref.getKey());
    assertThat(encoded).as(ref.getName() + " has key " + ref.getKey()).isNotNull();
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static void assertServiceSelects(RenderedManifests m, String host, int port, Map<String, String> podLabels) {
    Service service = m.one(Service.class, host);
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).contains(port);
  }

  private static double maxRamPercentage() {
    List<String> entrypoint = Containerfile.read(ServerFacts.serverDir().resolve("Containerfile")).runtime()
        .last("ENTRYPOINT").orElseThrow().execForm().orElseThrow();
    return entrypoint.stream().filter(f -> f.startsWith("-XX:MaxRAMPercentage=")).map(f -> f.substring(f.indexOf('=') + 1))
        .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
  }

  private static long mebibytes(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).divide(BigDecimal.valueOf(1024L * 1024L)).longValue();
  }
}
