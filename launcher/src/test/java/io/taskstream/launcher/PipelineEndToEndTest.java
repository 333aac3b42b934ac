package io.taskstream.launcher;

import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.taskstream.launcher.cli.ReportCommand;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The four services over a real broker and a real git remote, one run from scan to report. */
class PipelineEndToEndTest {
    private static final String PASSING = """
            ---
            id: TASK-001
            title: Point the build at the new registry
            priority: critical
            status: active
            labels: [infrastructure, registry]
            created: 2025-10-16
            updated: 2025-10-16
            ---

            # TASK-001: Point the build at the new registry

            Context stays byte for byte.

            ## Acceptance Criteria
            - [ ] Registry address written
              - run: `printf 'REGISTRY_URL=127.0.0.1:5000\\n' > .env.build.local`
              - in: ffl
              - verify: `grep -qx 'REGISTRY_URL=127.0.0.1:5000' .env.build.local`
            - [ ] Certificate names the address
              - needs: 1
              - run: `echo 'IP:127.0.0.1' > registry.san`
              - in: ffl
              - verify: `grep -q 'IP:127.0.0.1' registry.san`

            ## Progress Log
            - 2025-10-16 10:05: Task created
            """;
    private static final String TRAP = """
            ---
            id: TASK-003
            title: Regenerate the registry certificate
            priority: high
            status: backlog
            labels: [security]
            ---

            # TASK-003: Regenerate the registry certificate

            ## Acceptance Criteria
            - [ ] Certificate regenerated
              - run: `echo regenerated`
              - verify: `grep -q 'IP:127.0.0.1' stale.san`

            ## Progress Log
            """;
    private static final String DEPENDENT = """
            ---
            id: TASK-002
            title: Build images against the new registry
            priority: critical
            status: active
            labels: [builds, registry]
            depends_on: [TASK-001]
            ---

            # TASK-002: Build images against the new registry

            ## Acceptance Criteria
            - [ ] Images built
              - run: `grep -q REGISTRY_URL .env.build.local && echo 'ffl-backend:0.1.18' > images.txt`
              - in: ffl
              - verify: `grep -qx 'ffl-backend:0.1.18' images.txt`
            """;

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void aRunExecutesVerifiesRecordsAndReportsEveryKindOfTask(@TempDir Path tmp) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of(
                "tasks/active/TASK-001.md", PASSING,
                "tasks/active/TASK-002.md", DEPENDENT,
                "tasks/backlog/TASK-003.md", TRAP,
                "tasks/backlog/TASK-007.md", TaskRepoFixture.BROKEN));
        Path workspace = Files.createDirectories(tmp.resolve("workspace/ffl")).getParent();
        Files.writeString(workspace.resolve("stale.san"), "IP:127.0.0.9\n");
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "e2e", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 2, 2, 200, 3);

        JsonObject finished = runOnce(config);

        assertThat(finished.getInteger("completed")).isEqualTo(2);
        assertThat(finished.getInteger("blocked")).isEqualTo(1);
        assertThat(finished.getInteger("invalid")).isEqualTo(1);

        Path clone = repo.cloneNow("after");
        String archived = Files.readString(clone.resolve("tasks/completed/TASK-001.md"));
        assertThat(clone.resolve("tasks/active/TASK-001.md")).doesNotExist();
        assertThat(archived).contains("- [x] Registry address written", "- [x] Certificate names the address",
                "status: completed", "Context stays byte for byte.", "- 2025-10-16 10:05: Task created",
                "Verified criterion 1: Registry address written", "task completed and archived");
        assertThat(Files.readString(clone.resolve("tasks/completed/TASK-002.md"))).contains("- [x] Images built");

        String trap = Files.readString(clone.resolve("tasks/backlog/TASK-003.md"));
        assertThat(trap).contains("- [ ] Certificate regenerated", "status: blocked", "Blocked: ")
                .doesNotContain("[x]");

        List<String> history = repo.history();
        assertThat(history).anyMatch(m -> m.startsWith("TASK-001: verified criterion 1 (Registry address written)"))
                .anyMatch(m -> m.startsWith("TASK-001: completed, archived"))
                .anyMatch(m -> m.startsWith("TASK-002: completed, archived"))
                .anyMatch(m -> m.startsWith("TASK-003: blocked"))
                .allMatch(m -> !m.startsWith("TASK-003: verified"));
        assertThat(history.indexOf(history.stream().filter(m -> m.startsWith("TASK-001: completed")).findFirst().orElseThrow()))
                .as("TASK-002 ran only after TASK-001 was archived (history is newest first)")
                .isGreaterThan(history.indexOf(history.stream().filter(m -> m.startsWith("TASK-002: verified")).findFirst().orElseThrow()));

        String report = Files.readString(Path.of(finished.getString("markdown")));
        assertThat(report).contains("TASK-001", "TASK-002", "TASK-003", "tasks/backlog/TASK-007.md")
                .contains("verification failed");
        assertThat(Files.readString(Path.of(finished.getString("json")))).contains("\"TASK-003\"");

        StringWriter out = new StringWriter();
        int exit = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out)).execute("--bootstrap-servers",
                kafka.bootstrapServers(), "--topic-prefix", "e2e", "--run", finished.getString("runId"), "--results");
        assertThat(exit).as("a blocked task makes the results a failure").isEqualTo(1);
        JsonArray results = new JsonArray(out.toString());
        JsonObject trapResult = results.stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("task_id").equals("TASK-003")).findFirst().orElseThrow();
        assertThat(trapResult.getBoolean("success")).isFalse();
        assertThat(trapResult.getString("error")).isEqualTo("Criterion 1 failed");
        assertThat(trapResult.getJsonObject("details").getString("criterion")).isEqualTo("Certificate regenerated");
        assertThat(trapResult.getJsonArray("recovery_suggestions").encode()).contains("effect is not there");
        JsonObject passing = results.stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("task_id").equals("TASK-001")).findFirst().orElseThrow();
        assertThat(passing.getBoolean("success")).isTrue();
        assertThat(passing.getString("status")).isEqualTo("completed");
        assertThat(passing.getJsonObject("criteria").getInteger("completed")).isEqualTo(2);
    }

    static JsonObject runOnce(PipelineConfig config) throws Exception {
        return RunningPipeline.runOnce(config, ExecutionOptions.defaults());
    }
}
