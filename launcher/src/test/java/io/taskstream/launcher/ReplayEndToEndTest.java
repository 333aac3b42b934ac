package io.taskstream.launcher;

import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run on the embedded broker, then {@code taskstream replay}: the replayed report is the live one byte for
 * byte, the retrospective names the trap, and no consumer group was joined or moved.
 */
class ReplayEndToEndTest {
    private static final String PASSING = """
            ---
            id: TASK-001
            title: Point the build at the new registry
            priority: critical
            status: active
            labels: [infrastructure, registry]
            ---

            # TASK-001: Point the build at the new registry

            ## Acceptance Criteria
            - [ ] Registry address written
              - run: `printf 'REGISTRY_URL=127.0.0.1:5000\\n' > .env.build.local`
              - verify: `grep -qx 'REGISTRY_URL=127.0.0.1:5000' .env.build.local`

            ## Progress Log
            """;
    private static final String TRAP = """
            ---
            id: TASK-003
            title: Regenerate the registry certificate
            priority: high
            status: active
            labels: [security]
            ---

            # TASK-003: Regenerate the registry certificate

            ## Acceptance Criteria
            - [ ] Certificate regenerated
              - run: `echo regenerated`
              - verify: `grep -q 'IP:127.0.0.1' stale.san`

            ## Progress Log
            """;

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void replayRebuildsTheLiveReportByteForByteWritesTheRetrospectiveAndMovesNoGroup(@TempDir Path tmp)
            throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of(
                "tasks/active/TASK-001.md", PASSING, "tasks/active/TASK-003.md", TRAP));
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        Files.writeString(workspace.resolve("stale.san"), "IP:127.0.0.9\n");
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "replay", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 200, 3);
        JsonObject finished = PipelineEndToEndTest.runOnce(config);
        String runId = finished.getString("runId");
        Map<String, Map<TopicPartition, OffsetAndMetadata>> groupsBefore = committedOffsets();
        assertThat(groupsBefore).as("the run's services committed offsets in their groups").isNotEmpty();

        Path out = tmp.resolve("replayed");
        int exit = Taskstream.commandLine().execute("replay", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic-prefix", "replay", "--run", runId, "--out", out.toString());

        assertThat(exit).isZero();
        String base = "session-" + runId.replaceAll("[^A-Za-z0-9._-]", "-");
        assertThat(Files.readAllBytes(out.resolve(base + ".md")))
                .isEqualTo(Files.readAllBytes(Path.of(finished.getString("markdown"))));
        assertThat(Files.readAllBytes(out.resolve(base + ".json")))
                .isEqualTo(Files.readAllBytes(Path.of(finished.getString("json"))));
        String retro = Files.readString(out.resolve("retrospective.md"));
        assertThat(retro).contains("## Checks that failed after a successful command", "TASK-003",
                "`echo regenerated`", "Certificate regenerated");
        assertThat(Files.readString(out.resolve("retrospective.json"))).contains("\"traps\"", "TASK-003");
        assertThat(committedOffsets()).as("no group joined, none moved").isEqualTo(groupsBefore);

        int missing = Taskstream.commandLine().execute("replay", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic-prefix", "replay", "--run", "no-such-run", "--out", out.toString());
        assertThat(missing).isEqualTo(2);
    }

    /** Every consumer group on the broker with its committed offsets. */
    private static Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> out = new TreeMap<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                out.put(g.groupId(), admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS));
            }
            return out;
        }
    }
}
