package io.taskstream.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment files under {@code deploy/}: the kustomizations render with kubectl into objects fabric8 reads, with
 * the kinds, names and settings the services need; the Helm chart's values match their schema and the base; its
 * templates only reference values that exist (no helm binary is assumed).
 */
class DeployManifestsTest {
    private static final List<String> SERVICES = List.of("scanner", "executor", "verifier", "reporter");
    private static final Pattern ARG_VARIABLE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");

    private static Path root;
    private static Path chart;
    private static List<HasMetadata> base;

    @BeforeAll
    static void render() throws Exception {
        root = Manifests.repoRoot();
        chart = root.resolve("deploy/helm/taskstream");
        base = Manifests.objects(Manifests.kustomize(root.resolve("deploy/k8s")));
    }

    @Test
    void baseRendersEveryServiceAndWhatTheyShare() {
        assertThat(base).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "ServiceAccount/taskstream", "ConfigMap/taskstream",
                "PersistentVolumeClaim/taskstream-workspace", "PersistentVolumeClaim/taskstream-reports",
                "Service/taskstream-scanner", "Service/taskstream-metrics",
                "Deployment/taskstream-scanner", "Deployment/taskstream-executor",
                "Deployment/taskstream-verifier", "Deployment/taskstream-reporter");
        assertThat(deployment(base, "executor").getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment(base, "scanner").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void eachServiceRunsItselfUnprivilegedWithProbesAndBoundedMemory() {
        ConfigMap config = object(base, ConfigMap.class, "taskstream");
        for (String service : SERVICES) {
            Deployment d = deployment(base, service);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", service);
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
            assertThat(c.getArgs()).as(service).startsWith("serve", service);
            assertThat(c.getArgs()).contains("--bootstrap-servers", "--task-repo", "--workspace");
            assertThat(String.join(" ", c.getArgs())).as(service + " serves what its probes ask")
                    .contains("--health-port 9090 --health-host 0.0.0.0");
            // every $(VAR) in the arguments must come from the ConfigMap, or Kubernetes passes it on literally
            for (String arg : c.getArgs()) {
                Matcher m = ARG_VARIABLE.matcher(arg);
                while (m.find()) {
                    assertThat(config.getData()).as(service + " argument " + arg).containsKey(m.group(1));
                }
            }
            assertThat(c.getEnvFrom()).anySatisfy(e -> {
                assertThat(e.getConfigMapRef()).isNotNull();
                assertThat(e.getConfigMapRef().getName()).isEqualTo("taskstream");
            });
            assertThat(c.getEnvFrom()).anySatisfy(e -> {
                assertThat(e.getSecretRef()).isNotNull();
                assertThat(e.getSecretRef().getName()).isEqualTo("taskstream-secrets");
                assertThat(e.getSecretRef().getOptional()).isTrue();
            });

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
            assertThat(c.getVolumeMounts()).extracting(VolumeMount::getName).allSatisfy(n -> assertThat(volumes).contains(n));
            assertThat(c.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                    .contains("/tmp", "/workspace", "/var/lib/taskstream/state", "/var/lib/taskstream/reports");

            assertThat(c.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("health");
                assertThat(p.getContainerPort()).isEqualTo(9090);
            });
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("health");
            // a 256 MiB heap plus metaspace, direct memory, stacks and code: about 512 MiB
            assertThat(Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")))
                    .isEqualByComparingTo(Quantity.getAmountInBytes(new Quantity("512Mi")));
        }
        assertThat(config.getData().get("JAVA_TOOL_OPTIONS")).contains("-Xmx256m");
    }

    @Test
    void scannerListensForWebhooksBehindItsServiceAndReporterKeepsReports() {
        Container scanner = deployment(base, "scanner").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(String.join(" ", scanner.getArgs())).contains("--webhook-port 8088 --webhook-host 0.0.0.0");
        Service webhook = object(base, Service.class, "taskstream-scanner");
        assertThat(webhook.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "scanner");
        assertThat(webhook.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("webhook"));
        assertThat(scanner.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("webhook"));

        assertThat(claimOf(deployment(base, "reporter"), "reports")).isEqualTo("taskstream-reports");
        assertThat(claimOf(deployment(base, "executor"), "workspace")).isEqualTo("taskstream-workspace");
        assertThat(claimOf(deployment(base, "verifier"), "workspace")).isEqualTo("taskstream-workspace");
    }

    @Test
    void homelabOverlayMovesToItsNamespaceAndReachesItsClusterAndRemotes() throws Exception {
        List<HasMetadata> homelab = Manifests.objects(Manifests.kustomize(root.resolve("deploy/k8s/overlays/homelab")));
        assertThat(homelab).extracting(HasMetadata::getKind).contains("Namespace");
        assertThat(homelab).filteredOn(o -> !o.getKind().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getMetadata().getName()).isEqualTo("taskstream"));
        assertThat(deployment(homelab, "executor").getSpec().getReplicas()).isEqualTo(3);
        assertThat(object(homelab, ConfigMap.class, "taskstream").getData())
                .containsEntry("TASKSTREAM_TOPIC_PREFIX", "taskstream")
                .containsEntry("TASKSTREAM_BOOTSTRAP_SERVERS", "kafka-kafka-bootstrap.kafka.svc:9092");
        for (String service : SERVICES) {
            Deployment d = deployment(homelab, service);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("registry.home.arpa/taskstream:0.1.0");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/home/taskstream/.ssh"));
            boolean acts = service.equals("executor") || service.equals("verifier");
            assertThat(String.join(" ", c.getArgs()).contains("--kube-context homelab")).as(service).isEqualTo(acts);
        }
    }

    @Test
    void chartMetadataIsAHelm3ApplicationChart() throws IOException {
        JsonNode meta = Manifests.yamlFile(chart.resolve("Chart.yaml"));
        assertThat(meta.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(meta.path("name").asText()).isEqualTo("taskstream");
        assertThat(meta.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
        assertThat(meta.path("appVersion").asText()).isEqualTo(values().at("/image/tag").asText());
    }

    @Test
    void defaultValuesMatchTheirSchema() throws IOException {
        assertThat(schema().validate(values())).isEmpty();
    }

    @Test
    void schemaRefusesValuesTheTemplatesCannotUse() throws IOException {
        JsonSchema schema = schema();
        Map<String, java.util.function.Consumer<ObjectNode>> bad = new HashMap<>();
        bad.put("replicas as text", v -> ((ObjectNode) v.get("executor")).put("replicas", "three"));
        bad.put("unknown key", v -> ((ObjectNode) v.get("executor")).put("replica", 3));
        bad.put("bootstrap without a port", v -> ((ObjectNode) v.get("kafka")).put("bootstrapServers", "kafka"));
        bad.put("no image tag", v -> ((ObjectNode) v.get("image")).remove("tag"));
        bad.put("relative probe path", v -> ((ObjectNode) v.get("health")).put("livenessPath", "health/live"));
        bad.put("HPA and KEDA at once", v -> {
            ((ObjectNode) v.at("/executor/autoscaling")).put("enabled", true);
            ((ObjectNode) v.at("/executor/keda")).put("enabled", true);
        });
        for (var e : bad.entrySet()) {
            ObjectNode values = values().deepCopy();
            e.getValue().accept(values);
            Set<ValidationMessage> problems = schema.validate(values);
            assertThat(problems).as(e.getKey()).isNotEmpty();
        }
        ObjectNode bothOff = values().deepCopy();
        ((ObjectNode) bothOff.at("/executor/keda")).put("enabled", true);
        assertThat(schema.validate(bothOff)).as("KEDA alone").isEmpty();
    }

    @Test
    void templatesReferenceOnlyValuesThatExist() throws IOException {
        Map<String, String> templates = templates();
        assertThat(templates).containsKeys("_helpers.tpl", "scanner.yaml", "executor.yaml", "verifier.yaml", "reporter.yaml",
                "configmap.yaml", "executor-hpa.yaml", "executor-scaledobject.yaml", "servicemonitor.yaml");
        Set<String> references = new TreeSet<>();
        templates.values().forEach(t -> references.addAll(ValuesReferences.in(t)));
        assertThat(references).hasSizeGreaterThan(40);
        JsonNode values = values();
        assertThat(references).allSatisfy(path -> assertThat(ValuesReferences.resolve(values, path))
                .as(".Values." + path + " is in values.yaml").isTrue());
    }

    @Test
    void valuesScanCatchesAMissingValue() {
        String template = "{{- $e := .Values.executor }}{{ $e.replicas }}{{ $e.replicaCount }}{{ .Values.image.digest }}";
        List<String> missing = ValuesReferences.in(template).stream()
                .filter(p -> !ValuesReferences.resolve(valuesUnchecked(), p)).toList();
        assertThat(missing).containsExactlyInAnyOrder("executor.replicaCount", "image.digest");
    }

    @Test
    void templatesAreBalanced() throws IOException {
        Pattern opener = Pattern.compile("\\{\\{-?\\s*(if|range|with|define)\\b");
        Pattern end = Pattern.compile("\\{\\{-?\\s*end\\s*-?}}");
        for (var t : templates().entrySet()) {
            String text = t.getValue();
            assertThat(count(text, Pattern.compile("\\{\\{"))).as(t.getKey() + " {{ and }}").isEqualTo(count(text, Pattern.compile("}}")));
            assertThat(count(text, opener)).as(t.getKey() + " blocks and ends").isEqualTo(count(text, end));
        }
    }

    @Test
    void chartDefaultsAreWhatTheBaseDeploys() throws IOException {
        JsonNode v = values();
        ConfigMap config = object(base, ConfigMap.class, "taskstream");
        assertThat(config.getData())
                .containsEntry("TASKSTREAM_BOOTSTRAP_SERVERS", v.at("/kafka/bootstrapServers").asText())
                .containsEntry("TASKSTREAM_TOPIC_PREFIX", v.at("/kafka/topicPrefix").asText())
                .containsEntry("TASKSTREAM_PARTITIONS", v.at("/kafka/partitions").asText())
                .containsEntry("TASKSTREAM_TASK_REPO", v.at("/taskRepo/url").asText())
                .containsEntry("TASKSTREAM_BRANCH", v.at("/taskRepo/branch").asText())
                .containsEntry("JAVA_TOOL_OPTIONS", v.at("/javaOpts").asText());
        assertThat(deployment(base, "executor").getSpec().getReplicas()).isEqualTo(v.at("/executor/replicas").asInt());
        for (String service : SERVICES) {
            Container c = deployment(base, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getImage()).isEqualTo(v.at("/image/repository").asText() + ":" + v.at("/image/tag").asText());
            assertThat(c.getResources().getRequests()).as(service).isEqualTo(quantities(v.at("/" + service + "/resources/requests")));
            assertThat(c.getResources().getLimits()).as(service).isEqualTo(quantities(v.at("/" + service + "/resources/limits")));
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo(v.at("/health/livenessPath").asText());
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo(v.at("/health/readinessPath").asText());
            assertThat(c.getLivenessProbe().getFailureThreshold()).isEqualTo(v.at("/health/liveness/failureThreshold").asInt());
        }
        String executorArgs = String.join(" ", deployment(base, "executor").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertThat(executorArgs).contains("--concurrency " + v.at("/executor/concurrency").asInt())
                .contains("--max-attempts " + v.at("/retry/maxAttempts").asInt())
                .contains("--retry-backoff-ms " + v.at("/retry/backoffMs").asInt());
    }

    private static Map<String, Quantity> quantities(JsonNode list) {
        Map<String, Quantity> out = new HashMap<>();
        list.fields().forEachRemaining(e -> out.put(e.getKey(), new Quantity(e.getValue().asText())));
        return out;
    }

    private static String claimOf(Deployment d, String volume) {
        return d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(volume))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName();
    }

    private static int count(String text, Pattern p) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Deployment deployment(List<HasMetadata> objects, String service) {
        return object(objects, Deployment.class, "taskstream-" + service);
    }

    private static <T extends HasMetadata> T object(List<HasMetadata> objects, Class<T> type, String name) {
        List<HasMetadata> named = objects.stream().filter(o -> o.getMetadata().getName().equals(name) && o.getKind().equals(type.getSimpleName())).toList();
        assertThat(named).as(type.getSimpleName() + " " + name).singleElement().isInstanceOf(type);
        return type.cast(named.get(0));
    }

    private static JsonNode values() throws IOException {
        return Manifests.yamlFile(chart.resolve("values.yaml"));
    }

    private static JsonNode valuesUnchecked() {
        try {
            return values();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonSchema schema() throws IOException {
        JsonNode schema = Manifests.JSON.readTree(chart.resolve("values.schema.json").toFile());
        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    private static Map<String, String> templates() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return out;
    }

    /** The {@code .Values} paths a chart's templates read, directly or through a variable bound to a part of them. */
    static final class ValuesReferences {
        private static final String PATH = "((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)";
        private static final Pattern BINDING = Pattern.compile("(\\$[A-Za-z_][A-Za-z0-9_]*)\\s*:=\\s*(?:\\$root)?\\.Values" + PATH + "?(?![A-Za-z0-9_.])");
        private static final Pattern DIRECT = Pattern.compile("(?<![A-Za-z0-9_])(?:\\$root|\\$)?\\.Values" + PATH);
        private static final Pattern VARIABLE = Pattern.compile("(\\$[A-Za-z_][A-Za-z0-9_]*)" + PATH);

        private ValuesReferences() {
        }

        static List<String> in(String template) {
            Map<String, String> bound = new HashMap<>();
            Matcher b = BINDING.matcher(template);
            while (b.find()) {
                bound.put(b.group(1), b.group(2) == null ? "" : b.group(2).substring(1));
            }
            List<String> paths = new ArrayList<>();
            Matcher d = DIRECT.matcher(template);
            while (d.find()) {
                paths.add(d.group(1).substring(1));
            }
            Matcher v = VARIABLE.matcher(template);
            while (v.find()) {
                String prefix = bound.get(v.group(1));
                if (prefix != null) {
                    paths.add((prefix.isEmpty() ? "" : prefix + ".") + v.group(2).substring(1));
                }
            }
            return paths;
        }

        static boolean resolve(JsonNode values, String path) {
            JsonNode node = values;
            for (String key : path.split("\\.")) {
                if (!node.isObject() || !node.has(key)) {
                    return false;
                }
                node = node.get(key);
            }
            return true;
        }
    }
}
