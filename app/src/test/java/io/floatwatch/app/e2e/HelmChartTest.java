package io.floatwatch.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.testkit.tools.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart rendered by a real helm ({@code FLOATWATCH_HELM}, which .ci/chart-checks fetches, or
 * {@code helm} on PATH), and what it renders asserted object by object. Skipped with a message
 * without a helm binary.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("../deploy/helm/floatwatch");
    /** config.kafka and config.aws, which values.yaml leaves to the user. */
    private static final Path MINIMAL = CHART.resolve("ci/minimal-values.yaml");
    private static final List<String> ROLES = List.of("collector", "analyzer", "alerter");
    private static final List<String> CRD_APIS = List.of("--api-versions", "monitoring.coreos.com/v1/ServiceMonitor",
            "--api-versions", "monitoring.coreos.com/v1/PrometheusRule", "--api-versions", "kafka.strimzi.io/v1/KafkaTopic");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static Path helm;

    @TempDir
    Path dir;

    @BeforeAll
    static void findHelm() {
        String configured = System.getenv("FLOATWATCH_HELM");
        helm = configured != null && !configured.isBlank() ? Path.of(configured) : Executables.which("helm");
        assumeTrue(helm != null && Files.isExecutable(helm),
                "no helm binary: .ci/chart-checks fetches one and passes it as FLOATWATCH_HELM");
    }

    /** The objects of one render, by kind and name. */
    record Render(List<JsonNode> objects) {

        List<JsonNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        JsonNode one(String kind, String name) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.at("/metadata/name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
        }

        Set<String> names() {
            return objects.stream().map(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }

        /** Every Deployment and StatefulSet, the workloads of the roles. */
        List<JsonNode> workloads() {
            List<JsonNode> w = new ArrayList<>(ofKind("Deployment"));
            w.addAll(ofKind("StatefulSet"));
            return w;
        }

        JsonNode workload(String release, String role) {
            return workloads().stream().filter(o -> o.at("/metadata/name").asText().equals(release + "-floatwatch-" + role))
                    .findFirst().orElseThrow(() -> new AssertionError("no workload for " + role + " in " + names()));
        }
    }

    private Render render(String release, String... args) throws Exception {
        Result r = helm(release, args);
        assertThat(r.exit()).as("helm template %s: %s", release, r.err()).isZero();
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(r.out())) {
            StreamSupport.stream(YAML.readValues(parser, JsonNode.class).readAll().spliterator(), false)
                    .filter(n -> n != null && !n.isNull() && !n.isMissingNode()).forEach(objects::add);
        }
        return new Render(objects);
    }

    record Result(int exit, String out, String err) {
    }

    private Result helm(String release, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(helm.toString(), "template", release, CHART.toString(), "--namespace", "fw",
                "--values", MINIMAL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("helm.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("helm finished").isTrue();
        return new Result(p.exitValue(), out, Files.readString(dir.resolve("helm.err")));
    }

    private String values(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "values-", ".yaml");
        Files.writeString(file, yaml);
        return file.toString();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void shouldNameEveryObjectAfterItsReleaseWhenTwoReleasesShareANamespace() throws Exception {
        Render a = render("fw-a", CRD_APIS.toArray(String[]::new));
        Render b = render("fw-b", CRD_APIS.toArray(String[]::new));

        assertThat(a.names()).isNotEmpty().doesNotContainAnyElementsOf(b.names());
        assertThat(a.objects()).allSatisfy(o -> assertThat(o.at("/metadata/name").asText()).startsWith("fw-a-floatwatch"));
        // Selectors are per release too, or one release's Service would pick the other's pods.
        assertThat(a.ofKind("Service")).allSatisfy(s -> assertThat(s.at("/spec/selector/app.kubernetes.io~1instance").asText()).isEqualTo("fw-a"));
    }

    @Test
    void shouldCarryTheStandardLabelsOnEveryObject() throws Exception {
        Render r = render("fw", "--set", "kafka.strimziTopics.enabled=true", "--set", "metrics.serviceMonitor.enabled=true",
                "--set", "metrics.prometheusRule.enabled=true", CRD_APIS.get(0), CRD_APIS.get(1), CRD_APIS.get(2), CRD_APIS.get(3),
                CRD_APIS.get(4), CRD_APIS.get(5));

        assertThat(r.objects()).hasSizeGreaterThan(10).allSatisfy(o -> {
            JsonNode labels = o.at("/metadata/labels");
            assertThat(labels.path("app.kubernetes.io/name").asText()).as(o.at("/metadata/name").asText()).isEqualTo("floatwatch");
            assertThat(labels.path("app.kubernetes.io/instance").asText()).isEqualTo("fw");
            assertThat(labels.path("app.kubernetes.io/managed-by").asText()).isEqualTo("Helm");
            assertThat(labels.path("app.kubernetes.io/version").asText()).isNotEmpty();
            assertThat(labels.path("helm.sh/chart").asText()).startsWith("floatwatch-");
        });
    }

    @Test
    void shouldRunTheProbeAsADaemonSetWithoutAwsOrApiAccessOnlyWhenEnabledForAClient() throws Exception {
        assertThat(render("fw").ofKind("DaemonSet")).as("off by default").isEmpty();
        Result noClient = helm("fw", "--set", "probe.enabled=true");
        assertThat(noClient.exit()).isNotZero();
        assertThat(noClient.err()).contains("probe.client is required");

        Render r = render("fw", "--set", "probe.enabled=true", "--set", "probe.client=app", "--set",
                "serviceAccount.roleArn=arn:aws:iam::123456789012:role/floatwatch-read", "--set", "probe.settings.interval=5s");

        JsonNode ds = r.one("DaemonSet", "fw-floatwatch-probe");
        JsonNode pod = ds.at("/spec/template/spec");
        assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("fw-floatwatch-probe");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(r.one("ServiceAccount", "fw-floatwatch-probe").at("/metadata/annotations").isMissingNode())
                .as("no IAM role").isTrue();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/containers/0/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(list(pod.at("/containers/0/args"))).extracting(JsonNode::asText).startsWith("probe");
        String config = r.one("ConfigMap", "fw-floatwatch-probe-config").at("/data/floatwatch.yaml").asText();
        assertThat(config).contains("client: app", "interval: 5s", "bootstrapServers:");
        assertThat(r.one("ConfigMap", "fw-floatwatch-config").at("/data/floatwatch.yaml").asText())
                .as("the other roles' config has no probe section").doesNotContain("probe:");
    }

    @Test
    void shouldGiveTheIrsaRoleToTheCollectorAloneWhenARoleArnIsSet() throws Exception {
        String arn = "arn:aws:iam::123456789012:role/floatwatch-read";
        Render r = render("fw", "--set", "serviceAccount.roleArn=" + arn);

        JsonNode collectorAccount = r.one("ServiceAccount", "fw-floatwatch-collector");
        assertThat(collectorAccount.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText()).isEqualTo(arn);
        assertThat(r.workload("fw", "collector").at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("fw-floatwatch-collector");
        for (String role : List.of("analyzer", "alerter")) {
            String account = r.workload("fw", role).at("/spec/template/spec/serviceAccountName").asText();
            assertThat(account).as(role).isEqualTo("fw-floatwatch");
            assertThat(r.one("ServiceAccount", account).at("/metadata/annotations").isMissingNode()).as(role + "'s account has no role").isTrue();
        }
        assertThat(r.ofKind("ServiceAccount")).filteredOn(sa -> sa.at("/metadata/annotations/eks.amazonaws.com~1role-arn").isTextual())
                .hasSize(1);
        assertThat(r.workloads()).allSatisfy(w -> assertThat(w.at("/spec/template/spec/automountServiceAccountToken").asBoolean(true))
                .as(w.at("/metadata/name").asText()).isFalse());
    }

    @Test
    void shouldPassPodSecurityRestrictedWithAReadOnlyRootOnEveryPod() throws Exception {
        Render r = render("fw", "--set", "roles.analyzer.persistence.enabled=true");

        assertThat(r.workloads()).hasSize(3).allSatisfy(w -> {
            JsonNode pod = w.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.has("hostNetwork") || pod.has("hostPID") || pod.has("hostIPC")).isFalse();
            assertThat(list(pod.path("volumes"))).allSatisfy(v -> assertThat(v.has("hostPath")).isFalse());
            assertThat(list(pod.path("containers"))).isNotEmpty().allSatisfy(c -> {
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(list(sc.at("/capabilities/drop"))).extracting(JsonNode::asText).containsExactly("ALL");
                assertThat(sc.at("/capabilities/add").isMissingNode()).isTrue();
                assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            });
        });
    }

    @Test
    void shouldProbeStartupLivenessAndReadinessAndOutwaitTheRolesShutdownOnEveryRole() throws Exception {
        Render r = render("fw");

        for (String role : ROLES) {
            JsonNode pod = r.workload("fw", role).at("/spec/template/spec");
            JsonNode c = pod.at("/containers/0");
            assertThat(c.at("/startupProbe/httpGet/path").asText()).as(role).isEqualTo("/healthz");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).as(role).isEqualTo("/healthz");
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).as(role).isEqualTo("/readyz");
            assertThat(c.at("/startupProbe/failureThreshold").asInt() * c.at("/startupProbe/periodSeconds").asInt())
                    .as(role + ": the startup probe allows at least a minute").isGreaterThanOrEqualTo(60);
            // RunCommand waits up to 60 s for an orderly stop after SIGTERM.
            assertThat(pod.path("terminationGracePeriodSeconds").asInt()).as(role).isGreaterThan(60);
            assertThat(c.at("/args/0").asText()).isEqualTo(role);
        }
        assertThat(r.workload("fw", "analyzer").at("/spec/template/spec/containers/0/startupProbe/failureThreshold").asInt()
                * 5).as("the analyzer may restore its stores before answering").isGreaterThanOrEqualTo(600);
    }

    @Test
    void shouldExitOnOutOfMemoryAndSizeTheHeapUnderTheLimitWhenSettingJavaOptions() throws Exception {
        Render r = render("fw", "--set", "roles.alerter.javaOptions=-XX:MaxRAMPercentage=40 -Xss512k");

        for (String role : ROLES) {
            JsonNode c = r.workload("fw", role).at("/spec/template/spec/containers/0");
            JsonNode env = list(c.path("env")).stream().filter(e -> e.path("name").asText().equals("JAVA_TOOL_OPTIONS")).findFirst()
                    .orElseThrow();
            assertThat(env.path("value").asText()).as(role).startsWith("-XX:+ExitOnOutOfMemoryError ").contains("-XX:MaxRAMPercentage=");
            // A share of the limit, not a fixed -Xmx: the limit and the heap move together.
            assertThat(env.path("value").asText()).doesNotContain("-Xmx");
            assertThat(c.at("/resources/limits/memory").asText()).as(role).isNotEmpty();
            assertThat(c.at("/resources/requests/memory").asText()).as(role + ": requests what it may use")
                    .isEqualTo(c.at("/resources/limits/memory").asText());
        }
        assertThat(r.workload("fw", "alerter").at("/spec/template/spec/containers/0/env/0/value").asText())
                .isEqualTo("-XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=40 -Xss512k");
    }

    @Test
    void shouldKeepTheAnalyzerStateOnAClaimOfTheConfiguredSizeWhenPersistenceIsEnabled() throws Exception {
        Render off = render("fw");
        Render on = render("fw", "--values", values("""
                config:
                  kafka: {bootstrapServers: "kafka:9092"}
                  aws: {accounts: [{id: "123456789012", regions: [ap-northeast-1]}]}
                  analyzer: {stateDir: /var/lib/floatwatch}
                roles:
                  analyzer:
                    replicas: 2
                    persistence: {enabled: true, size: 20Gi, storageClassName: gp3}
                """));

        assertThat(off.workload("fw", "analyzer").path("kind").asText()).isEqualTo("Deployment");
        JsonNode sts = on.workload("fw", "analyzer");
        assertThat(sts.path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(sts.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(sts.at("/spec/serviceName").asText()).isEqualTo("fw-floatwatch-analyzer");
        JsonNode claim = sts.at("/spec/volumeClaimTemplates/0");
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("20Gi");
        assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo("gp3");
        assertThat(list(sts.at("/spec/template/spec/containers/0/volumeMounts")))
                .anySatisfy(m -> {
                    assertThat(m.path("name").asText()).isEqualTo(claim.at("/metadata/name").asText());
                    assertThat(m.path("mountPath").asText()).isEqualTo("/var/lib/floatwatch");
                });
        assertThat(on.workload("fw", "collector").path("kind").asText()).isEqualTo("Deployment");
    }

    @Test
    void shouldRenderServiceMonitorRuleAndTopicsOnlyWhenEnabledAndTheirCrdsExist() throws Exception {
        String[] enable = {"--set", "metrics.serviceMonitor.enabled=true", "--set", "metrics.prometheusRule.enabled=true",
            "--set", "kafka.strimziTopics.enabled=true"};
        Render defaults = render("fw", CRD_APIS.toArray(String[]::new));
        Render noCrds = render("fw", enable);
        List<String> both = new ArrayList<>(List.of(enable));
        both.addAll(CRD_APIS);
        Render enabled = render("fw", both.toArray(String[]::new));

        for (String kind : List.of("ServiceMonitor", "PrometheusRule", "KafkaTopic")) {
            assertThat(defaults.ofKind(kind)).as(kind + " off by default").isEmpty();
            assertThat(noCrds.ofKind(kind)).as(kind + " without its CRD").isEmpty();
            assertThat(enabled.ofKind(kind)).as(kind + " enabled, CRD present").isNotEmpty();
        }
        JsonNode rules = YAML.readTree(Path.of("../deploy/prometheus/floatwatch-rules.yaml").toFile());
        assertThat(enabled.one("PrometheusRule", "fw-floatwatch").at("/spec/groups")).as("the rules of deploy/prometheus, whole")
                .isEqualTo(rules.path("groups"));
        assertThat(enabled.one("ServiceMonitor", "fw-floatwatch").at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    }

    @Test
    void shouldTakeTheKafkaTopicApiVersionAndTopicConfigFromValues() throws Exception {
        Render r = render("fw", "--set", "kafka.strimziTopics.enabled=true", "--set", "kafka.strimziTopics.apiVersion=kafka.strimzi.io/v1beta2",
                "--set", "kafka.strimziTopics.replicas=5", "--set", "kafka.strimziTopics.eventsRetentionMs=86400000",
                "--set", "kafka.strimziTopics.clusterName=main", "--api-versions", "kafka.strimzi.io/v1beta2/KafkaTopic");

        List<JsonNode> topics = r.ofKind("KafkaTopic");
        assertThat(topics).extracting(t -> t.at("/spec/topicName").asText())
                .containsExactlyInAnyOrder("floatwatch.observations", "floatwatch.findings", "floatwatch.events", "floatwatch.dead-letter");
        assertThat(topics).allSatisfy(t -> {
            assertThat(t.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("main");
            assertThat(t.at("/spec/replicas").asInt()).isEqualTo(5);
            assertThat(t.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(2);
        });
        JsonNode events = topics.stream().filter(t -> t.at("/spec/topicName").asText().equals("floatwatch.events")).findFirst().orElseThrow();
        assertThat(events.at("/spec/config/retention.ms").asLong()).isEqualTo(86_400_000L);
        JsonNode observations = topics.stream().filter(t -> t.at("/spec/topicName").asText().equals("floatwatch.observations")).findFirst()
                .orElseThrow();
        assertThat(observations.at("/spec/config/cleanup.policy").asText()).isEqualTo("compact");
    }

    @Test
    void shouldRenderExactlyTheUsersConfigWithNothingAddedWhenTheUserLeavesFieldsOut() throws Exception {
        Render r = render("fw");
        String rendered = r.one("ConfigMap", "fw-floatwatch-config").at("/data/floatwatch.yaml").asText();
        Path config = dir.resolve("floatwatch.yaml");
        Files.writeString(config, rendered);

        RuntimeConfig loaded = ConfigLoader.load(config);

        // Helm merges maps: a default in values.yaml would reach every user's config unseen.
        assertThat(YAML.readTree(rendered)).as("the user's config, nothing added").isEqualTo(YAML.readTree(MINIMAL.toFile()).path("config"));
        assertThat(loaded.alerter().sinks().alertmanager()).as("no Alertmanager unless configured").isNull();
        assertThat(r.workloads()).allSatisfy(w -> assertThat(w.at("/spec/template/metadata/annotations/checksum~1config").asText())
                .hasSize(64));
        Result none = helm("fw", "--set", "config=null");
        assertThat(none.exit()).as("a release without kafka and aws config").isNotZero();
    }

    @Test
    void shouldMapSecretsEnvVolumesAndSchedulingToTheirRoleOnlyWhenSetPerRole() throws Exception {
        Render r = render("fw", "--values", values("""
                imagePullSecrets: [{name: registry}]
                roles:
                  collector:
                    secretEnv: [{name: FLOATWATCH_EXTERNAL_ID_210987654321, secretName: aws-external-ids, key: member}]
                    nodeSelector: {kubernetes.io/arch: arm64}
                    podAnnotations: {team: storage}
                  analyzer:
                    extraVolumes: [{name: scratch, emptyDir: {}}]
                    extraVolumeMounts: [{name: scratch, mountPath: /scratch}]
                    tolerations: [{key: dedicated, operator: Equal, value: floatwatch, effect: NoSchedule}]
                    affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: []}}
                  alerter:
                    secretFiles: [{secretName: pager, mountPath: /var/run/secrets/floatwatch/pager}]
                    extraEnv: [{name: TZ, value: UTC}]
                    imagePullSecrets: [{name: alerter-registry}]
                """));

        JsonNode collector = r.workload("fw", "collector").at("/spec/template");
        JsonNode analyzer = r.workload("fw", "analyzer").at("/spec/template");
        JsonNode alerter = r.workload("fw", "alerter").at("/spec/template");
        assertThat(list(collector.at("/spec/containers/0/env"))).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("FLOATWATCH_EXTERNAL_ID_210987654321");
            assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("aws-external-ids");
            assertThat(e.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("member");
        });
        assertThat(collector.at("/spec/nodeSelector/kubernetes.io~1arch").asText()).isEqualTo("arm64");
        assertThat(collector.at("/metadata/annotations/team").asText()).isEqualTo("storage");
        assertThat(analyzer.at("/spec/nodeSelector").isMissingNode()).isTrue();
        assertThat(list(analyzer.at("/spec/volumes"))).extracting(v -> v.path("name").asText()).contains("scratch");
        assertThat(list(analyzer.at("/spec/containers/0/volumeMounts"))).extracting(v -> v.path("mountPath").asText()).contains("/scratch");
        assertThat(analyzer.at("/spec/tolerations/0/key").asText()).isEqualTo("dedicated");
        assertThat(analyzer.at("/spec/affinity/podAntiAffinity").isObject()).isTrue();
        assertThat(list(alerter.at("/spec/volumes"))).anySatisfy(v -> assertThat(v.at("/secret/secretName").asText()).isEqualTo("pager"));
        assertThat(list(alerter.at("/spec/containers/0/volumeMounts")))
                .anySatisfy(m -> assertThat(m.path("mountPath").asText()).isEqualTo("/var/run/secrets/floatwatch/pager"));
        assertThat(list(alerter.at("/spec/containers/0/env"))).extracting(e -> e.path("name").asText()).contains("TZ")
                .doesNotContain("FLOATWATCH_EXTERNAL_ID_210987654321");
        assertThat(list(alerter.at("/spec/imagePullSecrets"))).extracting(s -> s.path("name").asText())
                .containsExactly("registry", "alerter-registry");
        assertThat(list(collector.at("/spec/imagePullSecrets"))).extracting(s -> s.path("name").asText()).containsExactly("registry");
    }

    @Test
    void shouldBudgetDisruptionsOfEachRoleWithASelectorThatMatchesItsPods() throws Exception {
        Render r = render("fw");

        assertThat(r.ofKind("PodDisruptionBudget")).hasSize(3);
        for (String role : ROLES) {
            JsonNode pdb = r.one("PodDisruptionBudget", "fw-floatwatch-" + role);
            JsonNode podLabels = r.workload("fw", role).at("/spec/template/metadata/labels");
            pdb.at("/spec/selector/matchLabels").fields().forEachRemaining(l ->
                    assertThat(podLabels.path(l.getKey()).asText()).as(role + " " + l.getKey()).isEqualTo(l.getValue().asText()));
            assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo(role);
        }
    }

    @Test
    void shouldRunSeveralCollectorReplicasWithABudgetOnlyWhenTheyShareScopesThroughAGroup() throws Exception {
        Render group = render("fw", "--values", values("""
                config:
                  kafka: {bootstrapServers: "kafka:9092"}
                  aws: {accounts: [{id: "123456789012", regions: [ap-northeast-1, eu-west-1]}]}
                  collector:
                    group: {id: floatwatch-collectors, sessionTimeout: 30s}
                roles:
                  collector:
                    replicas: 3
                """));
        assertThat(group.workload("fw", "collector").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(group.one("PodDisruptionBudget", "fw-floatwatch-collector").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(group.one("ConfigMap", "fw-floatwatch-config").at("/data/floatwatch.yaml").asText()).contains("floatwatch-collectors");

        Result alone = helm("fw", "--set", "roles.collector.replicas=2");
        assertThat(alone.exit()).isNotZero();
        assertThat(alone.err()).contains("roles.collector.replicas is 2 but config.collector.group is not set");
    }

    @Test
    void shouldMakeTheCollectorsCoordinationTopicWithOnePartitionPerScopeOnlyInGroupMode() throws Exception {
        String groupValues = values("""
                config:
                  kafka: {bootstrapServers: "kafka:9092"}
                  aws:
                    accounts:
                      - {id: "123456789012", regions: [ap-northeast-1, eu-west-1]}
                      - {id: "210987654321", regions: [ap-northeast-1]}
                  collector:
                    group: {id: floatwatch-collectors}
                roles:
                  collector:
                    replicas: 2
                """);
        Render group = render("fw", "--set", "kafka.strimziTopics.enabled=true", "--api-versions", "kafka.strimzi.io/v1/KafkaTopic",
                "--values", groupValues);
        JsonNode coordination = group.one("KafkaTopic", "fw-floatwatch-collector-scopes");
        assertThat(coordination.at("/spec/topicName").asText()).isEqualTo("floatwatch.collector-scopes");
        assertThat(coordination.at("/spec/partitions").asInt()).as("one partition per (account, region)").isEqualTo(3);

        Render alone = render("fw", "--set", "kafka.strimziTopics.enabled=true", "--api-versions", "kafka.strimzi.io/v1/KafkaTopic");
        assertThat(alone.ofKind("KafkaTopic")).extracting(t -> t.at("/spec/topicName").asText())
                .doesNotContain("floatwatch.collector-scopes").hasSize(4);
    }

    @Test
    void shouldRefuseUnknownAndMistypedValuesNamingThePath() throws Exception {
        Result unknown = helm("fw", "--set", "roles.colector.replicas=2");
        Result mistyped = helm("fw", "--set", "roles.analyzer.persistence.size=true");
        Result shortGrace = helm("fw", "--set", "terminationGracePeriodSeconds=30");

        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("colector");
        assertThat(mistyped.exit()).isNotZero();
        assertThat(mistyped.err()).contains("/roles/analyzer/persistence/size");
        assertThat(shortGrace.exit()).isNotZero();
        assertThat(shortGrace.err()).contains("terminationGracePeriodSeconds");
        Result badPort = helm("fw", "--set", "config.http.port=x");
        assertThat(badPort.exit()).isNotZero();
        assertThat(badPort.err()).contains("/config/http/port");
        Result fewReplicas = helm("fw", "--set", "kafka.strimziTopics.enabled=true", "--set", "kafka.strimziTopics.replicas=1",
                "--api-versions", "kafka.strimzi.io/v1/KafkaTopic");
        assertThat(fewReplicas.exit()).isNotZero();
        assertThat(fewReplicas.err()).contains("kafka.strimziTopics.replicas (1) is below min.insync.replicas (2)");
    }

    @Test
    void shouldWarnInTheNotesOfWhatAnInstallLacksWhenNoRoleArnOrSinkIsSet() throws Exception {
        String bare = notes();
        String complete = notes("--set", "serviceAccount.roleArn=arn:aws:iam::123456789012:role/floatwatch-read",
                "--set", "config.alerter.alertmanager.url=http://alertmanager:9093");

        assertThat(bare).contains("release fw", "serviceAccount.roleArn is empty", "No notification sink is configured",
                "port-forward svc/fw-floatwatch-alerter 9464");
        assertThat(complete).contains("release fw").doesNotContain("roleArn is empty", "No notification sink");
    }

    /** NOTES.txt as `helm install --dry-run=client` prints it (helm template leaves it out). */
    private String notes(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(helm.toString(), "install", "fw", CHART.toString(), "--namespace", "fw",
                "--dry-run=client", "--values", MINIMAL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("notes.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("notes.err"))).isZero();
        assertThat(out).contains("NOTES:");
        return out.substring(out.indexOf("NOTES:"));
    }

    @Test
    void shouldListEveryObjectOnceWhenCountingNames() throws Exception {
        Render r = render("fw", "--set", "roles.analyzer.persistence.enabled=true");
        Set<String> seen = new HashSet<>();
        assertThat(r.objects()).allSatisfy(o -> assertThat(seen.add(o.path("kind").asText() + "/" + o.at("/metadata/name").asText()))
                .as("unique " + o.at("/metadata/name").asText()).isTrue());
    }
}
