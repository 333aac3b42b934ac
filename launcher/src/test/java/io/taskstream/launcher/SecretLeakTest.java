package io.taskstream.launcher;

import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A secret given to the pipeline the way an operator does ({@code TASKSTREAM_SECRET_*}) and printed by a
 * criterion's command verbatim and in the usual encodings shows up nowhere the pipeline writes: not in any
 * record of any topic, the reports, or any commit of the task repo.
 */
@Tag("fault")
class SecretLeakTest {
    /** Letters, digits and characters that URL-encoding changes but JSON and Markdown leave alone; its base64 holds '/'. */
    private static final String SECRET = "Rg7 q?w@x!Zp3/v9K:m2";
    /** Longer than any part of an encoding that is left when the secret's own characters are masked. */
    private static final int WINDOW = 12;
    private static final String LEAK = """
            s="$REGISTRY_PASSWORD"
            echo "plain: $s"
            echo "b64: $(printf '%s' "$s" | base64 -w0)"
            echo "b64url: $(printf '%s' "$s" | basenc --base64url -w0)"
            echo "b64 after two bytes: $(printf 'ab%s' "$s" | base64 -w0)"
            echo "hex: $(printf '%s' "$s" | xxd -p -c 256)"
            echo "HEX: $(printf '%s' "$s" | basenc --base16 -w0)"
            echo "reversed: $(printf '%s' "$s" | rev)"
            echo "url: $(jq -rn --arg s "$s" '$s|@uri')"
            echo "form: $(jq -rn --arg s "$s" '$s|@uri' | sed 's/%20/+/g')"
            printf '{"auths":{"127.0.0.1:5000":{"auth":"%s"}}}\\n' "$(printf 'robot1:%s' "$s" | base64 -w0)" > config.json
            echo "docker config: $(cat config.json)"
            printf '%s\\n' "$s" > kept.txt
            printf 'file: '
            cat kept.txt
            """;
    private static final String PASSING = """
            ---
            id: TASK-101
            title: Log in to the registry
            priority: critical
            status: active
            labels: [registry]
            ---

            # TASK-101: Log in to the registry

            ## Acceptance Criteria
            - [ ] Registry credentials written
              - env: REGISTRY_PASSWORD=${secret:registry-password}
              - run: `bash leak.sh`
              - verify: `cat kept.txt && printf '%s' "$REGISTRY_PASSWORD" | base64 -w0`
            """;
    private static final String FAILING = """
            ---
            id: TASK-102
            title: Push with the registry credentials
            priority: high
            status: active
            labels: [registry]
            ---

            # TASK-102: Push with the registry credentials

            ## Acceptance Criteria
            - [ ] Image pushed
              - env: REGISTRY_PASSWORD=${secret:registry-password}
              - run: `bash leak.sh; exit 3`
              - verify: `test -s kept.txt`
            """;

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void aSecretPrintedInEveryUsualEncodingReachesNoTopicReportOrCommit(@TempDir Path tmp) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"),
                Map.of("tasks/active/TASK-101.md", PASSING, "tasks/active/TASK-102.md", FAILING));
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        Files.writeString(workspace.resolve("leak.sh"), LEAK);
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "leak", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 100, 3);

        JsonObject finished = runOnce(config, Map.of("TASKSTREAM_SECRET_REGISTRY_PASSWORD", SECRET));

        assertThat(finished.getInteger("completed")).isEqualTo(1);
        assertThat(finished.getInteger("blocked")).isEqualTo(1);
        Topics topics = Topics.withPrefix("leak");
        await().atMost(Duration.ofSeconds(60)).until(() -> !records(topics.deadLetter()).isEmpty());
        List<String> deadLetters = records(topics.deadLetter());
        List<String> events = records(topics.events());
        List<String> retries = records(topics.retry());
        assertThat(retries).as("the failing criterion was retried").isNotEmpty();

        List<String> reports = new ArrayList<>();
        try (Stream<Path> files = Files.walk(config.reportsDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                reports.add(f + "\n" + Files.readString(f));
            }
        }
        assertThat(reports).anyMatch(r -> r.contains(finished.getString("markdown")))
                .anyMatch(r -> r.contains(finished.getString("json")))
                .anyMatch(r -> r.contains(Redactor.MASK));
        List<String> history = wholeHistory(repo);

        Set<String> needles = needles();
        for (List<String> artifact : List.of(events, retries, deadLetters, reports, history)) {
            for (String text : artifact) {
                for (String needle : needles) {
                    assertThat(text).as("a part of an encoding of the secret: %s", needle).doesNotContain(needle);
                }
            }
        }

        String completed = events.stream().filter(e -> e.contains("criterion.completed")).findFirst().orElseThrow();
        String auth = Base64.getEncoder().encodeToString(("robot1:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(completed).as("every form was printed, and masked where it stood")
                .contains("plain: [REDACTED]", "b64: [REDACTED]", "b64url: [REDACTED]", "hex: [REDACTED]",
                        "b64 after two bytes: YWJ[REDACTED]", "HEX: [REDACTED]", "reversed: [REDACTED]",
                        "url: [REDACTED]", "form: [REDACTED]", "file: [REDACTED]",
                        "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + auth.substring(0, 10) + "[REDACTED]\"}}}");
        assertThat(events).anyMatch(e -> e.contains("criterion.verified") && e.contains(Redactor.MASK));
        assertThat(deadLetters).allMatch(d -> d.contains("TASK-102") && d.contains("b64: [REDACTED]"));

        assertThat(String.join("\n", history)).contains("TASK-101: completed", "TASK-102: blocked");
    }

    /** Every run of {@link #WINDOW} characters of the secret and of each of the encodings the command printed. */
    private static Set<String> needles() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        String url = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        List<String> forms = List.of(SECRET,
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().encodeToString(bytes),
                Base64.getEncoder().encodeToString(("ab" + SECRET).getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("robot1:" + SECRET).getBytes(StandardCharsets.UTF_8)),
                HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes),
                new StringBuilder(SECRET).reverse().toString(), url, url.replace("+", "%20"));
        assertThat(Base64.getEncoder().encodeToString(bytes)).as("base64url differs from base64").contains("/");
        Set<String> needles = new LinkedHashSet<>();
        for (String form : forms) {
            for (int i = 0; i + WINDOW <= form.length(); i++) {
                needles.add(form.substring(i, i + WINDOW));
            }
        }
        return needles;
    }

    /** Every record of the topic as text: key, value, and each header, the value's string fields also unescaped. */
    private static List<String> records(String topic) {
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(text(r));
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return out;
    }

    private static String text(ConsumerRecord<byte[], byte[]> r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)).append('\n');
        String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
        sb.append(value).append('\n');
        for (Header h : r.headers()) {
            sb.append(h.key()).append(": ").append(new String(h.value(), StandardCharsets.UTF_8)).append('\n');
        }
        try {
            strings(new JsonObject(value), sb);
        } catch (RuntimeException notJson) {
            // the raw text above is all there is
        }
        return sb.toString();
    }

    /** The string fields of the JSON, unescaped, one a line; base64 data decoded. */
    private static void strings(Object json, StringBuilder sb) {
        if (json instanceof JsonObject o) {
            o.forEach(e -> {
                if (e.getKey().equals("data_base64") && e.getValue() instanceof String s) {
                    sb.append(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8)).append('\n');
                }
                strings(e.getValue(), sb);
            });
        } else if (json instanceof JsonArray a) {
            a.forEach(v -> strings(v, sb));
        } else if (json instanceof String s) {
            sb.append(s).append('\n');
        }
    }

    /** Every commit of every ref of the remote: its message and every file of its tree. */
    private static List<String> wholeHistory(TaskRepoFixture repo) throws Exception {
        List<String> out = new ArrayList<>();
        try (Git git = Git.open(repo.bare.toFile())) {
            Repository r = git.getRepository();
            for (RevCommit c : git.log().all().call()) {
                StringBuilder sb = new StringBuilder(c.getFullMessage()).append('\n');
                try (TreeWalk walk = new TreeWalk(r)) {
                    walk.addTree(c.getTree());
                    walk.setRecursive(true);
                    while (walk.next()) {
                        sb.append(walk.getPathString()).append('\n')
                                .append(new String(r.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                    }
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** One run of all four services, with the given process environment. */
    private static JsonObject runOnce(PipelineConfig config, Map<String, String> environment) throws Exception {
        try (RunningPipeline pipeline = new RunningPipeline(config, "secret-leak-" + ProcessHandle.current().pid(),
                environment)) {
            return pipeline.run(false, ExecutionOptions.defaults());
        }
    }
}
