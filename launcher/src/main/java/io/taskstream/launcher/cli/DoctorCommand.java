package io.taskstream.launcher.cli;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.actions.build.DockerEngine;
import io.taskstream.actions.kube.Cluster;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.cli.errors.UserError;
import io.taskstream.launcher.health.TaskRepoCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.eclipse.jgit.api.Git;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Checks, one line each, what a run needs: Kafka, its topics, the remotes, the workspace, Docker, a registry, kube. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks what a run needs, one line per check: ok, or what is wrong and what to do.",
                "Kafka answers and has the topics of --topic-prefix; the task repo's remote (and --gitops-repo's) "
                        + "answers; the workspace exists and is writable; the Docker engine and the registry answer; "
                        + "the kube context is defined (with --kube-context); kubectl is on the PATH for kustomize "
                        + "(with --gitops-repo)."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:every check is ok", "1:a check failed",
                "2:bad usage; the kafka: properties of --config make no client", Exit.HELP_UNAVAILABLE},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream doctor --bootstrap-servers 127.0.0.1:9092 \\",
                "      --task-repo https://git.example/tasks.git --workspace ./ws",
                "  taskstream doctor --bootstrap-servers kafka:9092 --task-repo URL \\",
                "      --workspace ./ws --gitops-repo URL --kube-context kind-dev \\",
                "      --registry http://registry.local:5000"})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions client;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "the pipeline's Kafka (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "taskstream", description = "prefix of the topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--task-repo", paramLabel = "URL", description = "the task repo's git remote (URL or path)")
    String taskRepo;

    @Option(names = "--gitops-repo", paramLabel = "URL", description = "the GitOps repo's remote, when runs use set-image")
    String gitopsRepo;

    @Option(names = "--workspace", paramLabel = "DIR", description = "root directory every command runs under")
    Path workspace;

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "Docker Engine API (default: $DOCKER_HOST, else unix:///var/run/docker.sock)")
    String dockerHost;

    @Option(names = "--registry", paramLabel = "URL", defaultValue = "http://127.0.0.1:5000",
            description = "the image registry builds push to (default: ${DEFAULT-VALUE})")
    String registry;

    @Option(names = "--kube-context", paramLabel = "NAME", description = "the kube context runs will use")
    String kubeContext;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "where it is defined (default: $KUBECONFIG, else ~/.kube/config)")
    Path kubeconfig;

    private final List<String> failures = new ArrayList<>();
    /** The exit code of the Kafka check's failure (unreachable, or a client the properties cannot make); else OK. */
    private int kafkaExit = Exit.OK;
    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        boolean kafka = check("kafka", () -> {
            try {
                return bootstrapServers + ": " + client.check(bootstrapServers).describe();
            } catch (UserError e) {
                kafkaExit = e.exitCode();
                throw e;
            }
        });
        if (kafka) {
            check("topics", this::topics);
        } else {
            fail("topics", "not checked: Kafka does not answer");
        }
        check("task-repo", () -> remote(taskRepo, "--task-repo URL"));
        if (gitopsRepo != null) {
            check("gitops-repo", () -> remote(gitopsRepo, "--gitops-repo URL"));
            check("kubectl", this::kubectl);
        }
        check("workspace", this::workspace);
        check("docker", this::docker);
        check("registry", this::registry);
        if (kubeContext != null && !kubeContext.isBlank()) {
            check("kube", this::kube);
        }
        out.flush();
        return kafkaExit != Exit.OK ? kafkaExit : failures.isEmpty() ? Exit.OK : Exit.FAILED;
    }

    private interface Check {
        String run() throws Exception;
    }

    private boolean check(String name, Check c) {
        try {
            line("ok", name, c.run());
            return true;
        } catch (UserError e) {
            fail(name, e.getMessage());
        } catch (Exception e) {
            fail(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return false;
    }

    private void fail(String name, String why) {
        failures.add(name);
        line("FAIL", name, why);
    }

    private void line(String status, String name, String detail) {
        out.printf("%-5s %-12s %s%n", status, name, detail);
    }

    private String topics() throws Exception {
        Properties p = new Properties();
        p.putAll(client.properties());
        int ms = (int) Math.max(1000, client.timeout().toMillis());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Broker.create(p, client.properties())) {
            Set<String> present = admin.listTopics(new ListTopicsOptions().timeoutMs(ms)).names()
                    .get(ms + 500L, TimeUnit.MILLISECONDS);
            Topics t = Topics.withPrefix(topicPrefix);
            List<String> missing = t.layout(1).keySet().stream().filter(n -> !present.contains(n)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new UserError(Exit.FAILED, "missing " + String.join(", ", missing)
                        + ": start the pipeline once (taskstream run) to create them, or check --topic-prefix");
            }
            return String.join(", ", t.events(), t.retry(), t.deadLetter());
        }
    }

    private String remote(String url, String option) throws Exception {
        if (url == null) {
            throw new UserError(Exit.FAILED, "not given: pass " + option);
        }
        String remote = PipelineOptions.remote(url);
        String shown = TaskRepoCheck.shown(remote);
        int seconds = (int) Math.max(1, client.timeout().toSeconds());
        try {
            int refs = Git.lsRemoteRepository().setRemote(remote).setTimeout(seconds).call().size();
            return shown + ": " + refs + " refs";
        } catch (Exception e) {
            throw new UserError(Exit.FAILED, shown + " does not answer within " + seconds + " s: "
                    + TaskRepoCheck.masked(e.getMessage(), remote) + " — check the URL and your git credentials ("
                    + option + ")");
        }
    }

    private String workspace() throws Exception {
        if (workspace == null) {
            throw new UserError(Exit.FAILED, "not given: pass --workspace DIR");
        }
        Path dir = workspace.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserError(Exit.FAILED, dir + " does not exist: create it (mkdir -p) or pass another --workspace");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".taskstream-doctor-", ""));
        } catch (Exception e) {
            throw new UserError(Exit.FAILED, dir + " is not writable: " + e.getMessage()
                    + " — fix its permissions or pass another --workspace");
        }
        return dir + " writable";
    }

    private String docker() {
        String host = dockerHost == null ? ActionsConfig.defaults(Path.of(".")).dockerHost() : dockerHost;
        try (DockerEngine engine = new DockerEngine(URI.create(host))) {
            engine.unavailable().ifPresent(why -> {
                throw new UserError(Exit.FAILED, why + " — start Docker, or pass --docker-host");
            });
            return host;
        }
    }

    private String registry() throws Exception {
        URI uri = URI.create(registry.replaceAll("/+$", "") + "/v2/");
        HttpClient http = HttpClient.newBuilder().connectTimeout(client.timeout()).build();
        try {
            int status = http.send(HttpRequest.newBuilder(uri).timeout(client.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200 || status == 401) {
                return uri + " answers " + status;
            }
            throw new UserError(Exit.FAILED, uri + " answers " + status + ": is this a registry? (--registry)");
        } catch (java.io.IOException e) {
            throw new UserError(Exit.FAILED, uri + " does not answer (" + e.getClass().getSimpleName()
                    + ") — start the registry, or pass --registry URL");
        }
    }

    private String kube() {
        Path config = kubeconfig == null ? ActionsConfig.defaults(Path.of(".")).kubeconfig() : kubeconfig;
        try (Cluster ignored = Cluster.configured(config.toAbsolutePath(), kubeContext)) {
            return "context " + kubeContext + " in " + config;
        } catch (IllegalArgumentException e) {
            throw new UserError(Exit.FAILED, e.getMessage() + " (--kube-context, --kubeconfig)");
        }
    }

    private String kubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new UserError(Exit.FAILED, "kubectl is not on the PATH: install it; set-image runs `kubectl kustomize`");
    }
}
