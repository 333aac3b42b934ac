package io.taskstream.launcher;

import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.TopicSetup;
import io.taskstream.testkit.BrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code taskstream run --scan --wait} as a person runs it: progress while it goes, the summary, an exit code. */
class RunWaitTest {
    private static final String PASSING = """
            ---
            id: TASK-001
            title: Point the build at the new registry
            priority: critical
            status: active
            ---

            # TASK-001: Point the build at the new registry

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
            """;
    private static final String DEPENDENT = """
            ---
            id: TASK-002
            title: Build images against the new registry
            priority: high
            status: active
            depends_on: [TASK-001]
            ---

            # TASK-002: Build images against the new registry

            ## Acceptance Criteria
            - [ ] Images built
              - run: `grep -q REGISTRY_URL .env.build.local && echo 'ffl-backend:0.1.18' > images.txt`
              - in: ffl
              - verify: `grep -qx 'ffl-backend:0.1.18' images.txt`
            """;
    private static final String TRAP = """
            ---
            id: TASK-003
            title: Regenerate the registry certificate
            priority: high
            status: backlog
            ---

            # TASK-003: Regenerate the registry certificate

            ## Acceptance Criteria
            - [ ] Certificate regenerated
              - run: `echo regenerated`
              - verify: `grep -q 'IP:127.0.0.1' stale.san`
            """;

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void aRunWhoseTasksAllCompleteShowsItsProgressAndExitsZero(@TempDir Path tmp) throws Exception {
        Result r = runAndWait(tmp, "all-complete", Map.of(
                "tasks/active/TASK-001.md", PASSING,
                "tasks/active/TASK-002.md", DEPENDENT));

        assertThat(r.exit).as(r.out).isEqualTo(0);
        assertThat(r.out)
                .containsPattern("\\[0/[2?] tasks, 0/2 criteria\\] TASK-001 criterion 1 started \\(attempt 1\\): "
                        + "Registry address written")
                .containsPattern("\\[\\d/2 tasks, \\d/3 criteria\\] TASK-002 criterion 1 verified")
                .containsPattern("\\[\\d/2 tasks, [23]/[23] criteria\\] TASK-001 completed, archived to "
                        + "tasks/completed/TASK-001.md")
                .contains("[2/2 tasks, 3/3 criteria] ")
                .contains("tasks 2: 2 completed, 0 blocked, 0 still waiting; 0 invalid task files")
                .contains("criteria met 3 of 3");
        Path report = tmp.resolve("reports").resolve("session-" + r.runId() + ".md");
        assertThat(r.out).contains("report " + report);
        assertThat(report).exists();
    }

    @Test
    void aRunWithABlockedTaskExitsOne(@TempDir Path tmp) throws Exception {
        Result r = runAndWait(tmp, "blocked", Map.of(
                "tasks/active/TASK-001.md", PASSING,
                "tasks/backlog/TASK-003.md", TRAP,
                "tasks/backlog/TASK-007.md", TaskRepoFixture.BROKEN));

        assertThat(r.exit).as(r.out).isEqualTo(1);
        assertThat(r.out).containsPattern("\\[\\d/2 tasks, \\d/3 criteria\\] TASK-003 blocked")
                .contains("invalid: tasks/backlog/TASK-007.md")
                .contains("tasks 2: 1 completed, 1 blocked, 0 still waiting; 1 invalid task files")
                .contains("criteria met 2 of 3");
    }

    @Test
    void aRunWithOnlyInvalidFilesExitsTwo(@TempDir Path tmp) throws Exception {
        Result r = runAndWait(tmp, "invalid", Map.of("tasks/backlog/TASK-007.md", TaskRepoFixture.BROKEN));

        assertThat(r.exit).as(r.out).isEqualTo(2);
        assertThat(r.out).contains("tasks 0: 0 completed, 0 blocked, 0 still waiting; 1 invalid task files");
    }

    @Test
    void scanWaitExitsThreeWhenTheRunIsNotOverInTime() {
        TopicSetup.ensure(kafka.bootstrapServers(), Topics.withPrefix("nobody-home"), 3, (short) 1);
        StringWriter out = new StringWriter();

        int exit = Taskstream.commandLine().setOut(new PrintWriter(out, true)).execute("scan",
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", "nobody-home",
                "--wait", "--timeout", "2s");

        assertThat(exit).as("no services answer, so the run never ends").isEqualTo(3);
        assertThat(out.toString()).as("the run id, then its progress").containsPattern("(?m)^\\d{8}-\\d{6}-\\w+$")
                .contains("[0/? tasks, 0/0 criteria] scan requested by cli");
    }

    @Test
    void scanWaitNamesAMissingTopic() {
        int exit = Taskstream.commandLine().setOut(new PrintWriter(new StringWriter(), true)).execute("scan",
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", "no-such-pipeline", "--wait");

        assertThat(exit).isEqualTo(2);
    }

    private record Result(int exit, String out) {
        String runId() {
            return out.lines().filter(l -> l.startsWith("requested run ")).findFirst().orElseThrow()
                    .substring("requested run ".length()).strip();
        }
    }

    private static Result runAndWait(Path tmp, String prefix, Map<String, String> files) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), files);
        Path workspace = Files.createDirectories(tmp.resolve("workspace/ffl")).getParent();
        Files.writeString(workspace.resolve("stale.san"), "IP:127.0.0.9\n");
        StringWriter out = new StringWriter();
        int exit = Taskstream.commandLine().setOut(new PrintWriter(out, true)).execute("run",
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix,
                "--task-repo", repo.url, "--workspace", workspace.toString(),
                "--state-dir", tmp.resolve("state").toString(), "--reports", tmp.resolve("reports").toString(),
                "--partitions", "3", "--max-attempts", "1", "--scan", "--wait", "--timeout", "120s");
        return new Result(exit, out.toString());
    }
}
