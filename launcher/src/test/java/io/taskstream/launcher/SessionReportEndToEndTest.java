package io.taskstream.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run with every kind of outcome a session report explains, through a real broker and a real task repo: a task
 * that completes, one left partial by the criteria filter, one blocked by a failing build with another waiting on
 * it, one that needs a person and the trap of a command that succeeds while its check fails. The report is read
 * section by section.
 */
class SessionReportEndToEndTest {
    private static final String BUILD_ERROR = "step 3/7: COPY requirements.txt: no such file";

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    private static String task(String id, String title, String priority, String dependsOn, String criteria) {
        return "---\nid: " + id + "\ntitle: " + title + "\npriority: " + priority + "\nstatus: active\n"
                + (dependsOn == null ? "" : "depends_on: [" + dependsOn + "]\n") + "---\n\n# " + id + ": " + title
                + "\n\n## Acceptance Criteria\n" + criteria + "\n## Progress Log\n";
    }

    @Test
    void theReportExplainsEveryOutcomeSectionBySection(@TempDir Path tmp) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of(
                "tasks/active/TASK-101.md", task("TASK-101", "Point the build at the registry", "critical", null, """
                        - [ ] Registry address written
                          - run: `printf 'REGISTRY_URL=127.0.0.1:5000\\n' > .env.build.local`
                          - verify: `grep -qx 'REGISTRY_URL=127.0.0.1:5000' .env.build.local`
                        - [ ] Address readable
                          - run: `cat .env.build.local`
                          - verify: `grep -q 5000 .env.build.local`
                        """),
                "tasks/active/TASK-102.md", task("TASK-102", "Prepare the release", "high", null, """
                        - [ ] Version file written
                          - run: `echo 0.1.18 > VERSION`
                          - verify: `grep -qx 0.1.18 VERSION`
                        - [ ] Changelog written
                          - run: `echo '## 0.1.18' > CHANGELOG.md`
                          - verify: `grep -q 0.1.18 CHANGELOG.md`
                        - [ ] Release tagged
                          - run: `echo tagged > TAG`
                          - verify: `test -f TAG`
                        """),
                "tasks/active/TASK-103.md", task("TASK-103", "Build the triager image", "high", null, """
                        - [ ] Image built
                          - run: `echo '#7 [3/7] COPY requirements.txt .'; echo 'ERROR: %s' >&2; exit 1`
                          - verify: `test -f triager.image`
                        """.formatted(BUILD_ERROR)),
                "tasks/active/TASK-104.md", task("TASK-104", "Deploy the triager", "medium", "TASK-103", """
                        - [ ] Deployed
                          - run: `true`
                          - verify: `true`
                        """),
                "tasks/active/TASK-105.md", task("TASK-105", "Plan the rollout", "low", null, """
                        - [ ] Agree the rollout window with the team lead
                        """),
                "tasks/active/TASK-106.md", task("TASK-106", "Regenerate the registry certificate", "high", null, """
                        - [ ] Certificate regenerated
                          - run: `echo regenerated`
                          - verify: `grep -q 'IP:127.0.0.1' stale.san`
                        """)));
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        Files.writeString(workspace.resolve("stale.san"), "IP:127.0.0.9\n");
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "rep", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 200, 3);

        JsonObject finished = runOnce(config, new ExecutionOptions(false, List.of(1, 2), false));
        String md = Files.readString(Path.of(finished.getString("markdown")));
        JsonNode json = new EventCodec().mapper().readTree(Files.readString(Path.of(finished.getString("json"))));
        String html = Files.readString(Path.of(finished.getString("markdown").replaceAll("\\.md$", ".html")));

        // Summary: what finished, what is blocked on what, what needs a person.
        assertThat(md).contains("TASK-101 (Point the build at the registry) completed and was archived.",
                "TASK-103 (Build the triager image) is blocked: criterion 1 — the command failed (issue ",
                "TASK-105 (Plan the rollout) is blocked and needs a person: criterion 1 — a person has to do it (issue ",
                "TASK-106 (Regenerate the registry certificate) is blocked: criterion 1 — the command ran but its "
                        + "effect is absent (issue ",
                "TASK-104 waits on TASK-103 (blocked) and was not started.",
                "TASK-102 ran only the criteria the run selected: 2 of 3 met, #3 left for another run.",
                "- **Critical issues**: 3");
        assertThat(json.at("/summary/completed").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/blocked").asInt()).isEqualTo(3);

        // Critical issues: the failing build's own output, where it ran, how often; the trap named as such.
        JsonNode issues = json.at("/insights/issues");
        assertThat(issues.size()).isEqualTo(3);
        JsonNode build = find(issues, "TASK-103");
        assertThat(build.get("kind").asText()).isEqualTo("command_failed");
        assertThat(build.get("symptom").asText()).contains(BUILD_ERROR);
        assertThat(build.get("symptomFrom").asText()).isEqualTo("command");
        assertThat(build.get("attempts").asInt()).isEqualTo(2);
        assertThat(build.get("retries").asInt()).isEqualTo(1);
        assertThat(build.get("directory").asText()).isEqualTo(".");
        assertThat(build.get("consequences").toString()).contains("TASK-103 blocked", "TASK-104 held back");
        assertThat(find(issues, "TASK-106").get("kind").asText()).isEqualTo("effect_absent");
        assertThat(find(issues, "TASK-105").get("kind").asText()).isEqualTo("needs_person");
        int buildIssue = build.get("number").asInt();
        assertThat(md).contains("### Issue " + buildIssue + ": TASK-103 #1 — the command failed",
                "  ERROR: " + BUILD_ERROR, "- **Attempts**: 2 (1 retry)",
                "the command ran but its effect is absent", "- **Check**: `grep -q 'IP:127.0.0.1' stale.san`");
        assertThat(md.lines().filter(l -> l.contains("ERROR: " + BUILD_ERROR) && !l.contains("**Command**")))
                .as("the error output is quoted once, in its issue").containsExactly("  ERROR: " + BUILD_ERROR);

        // Recommendations: the blocker named with what it releases; the trap; the person.
        assertThat(md).contains("**HIGH**: Fix issue " + buildIssue + " and run TASK-103 again. TASK-103 is blocked "
                        + "until then; completing it releases TASK-104, which waits on it.",
                "**MEDIUM**: Distrust the run steps of TASK-106 #1",
                "A person: issue " + find(issues, "TASK-105").get("number").asInt() + " — TASK-105 #1 (Agree the "
                        + "rollout window with the team lead).",
                "Run TASK-102 again for criteria 3, which this run's criteria filter left out.");

        // Verification results: the check that proved it and the commit that recorded it, with its real subject.
        // (the verifier may group records made at the same time in one commit)
        assertThat(md).containsPattern("- \\*\\*TASK-101 #1\\*\\* Registry address written ✓ — checked by "
                + "`grep -qx 'REGISTRY_URL=127.0.0.1:5000' .env.build.local`; recorded in `[0-9a-f]{7}` "
                + "`(TASK-101: verified criterion 1 \\(Registry address written\\)|Record \\d changes: [^`]*TASK-101 #1[^`]*)`");
        List<String> history = repo.history();
        assertThat(history).anyMatch(m -> m.startsWith("TASK-101: completed, archived to tasks/completed/"));
        JsonNode taskRepo = json.at("/insights/git/0");
        assertThat(taskRepo.get("role").asText()).isEqualTo("task repo");
        for (JsonNode c : taskRepo.get("commits")) {
            assertThat(history).as("the subject of %s is the commit's", c.get("shortSha").asText())
                    .anyMatch(m -> m.startsWith(c.get("subject").asText() + "\n"));
        }

        // Timeline, metrics, backlog.
        assertThat(md).containsPattern("- TASK-103 \\d\\d:\\d\\d:\\d\\d → \\d\\d:\\d\\d:\\d\\d: #1 ✗✗ [^,]+ \\(retry\\)")
                .containsPattern("- TASK-102 [^\\n]*#1 ✓[^\\n]*#2 ✓[^\\n]*#3 skipped \\(filtered out\\)")
                .contains("- TASK-104 waiting since ")
                .contains("- **Acceptance criteria met**: 4 of 8 (50%), counting boxes checked")
                .contains("| TASK-103 | Blocked | High | 0% | Fix issue " + buildIssue + ", then rerun |",
                        "| TASK-104 | Held back | Medium | 0% | Unblock TASK-103 first |");
        assertThat(json.at("/metrics/retries").asInt()).isEqualTo(2);
        assertThat(html).contains("<svg", "class=\"lane\" data-task=\"TASK-103\"", BUILD_ERROR)
                .doesNotContain("<script", "https://");
    }

    private static JsonNode find(JsonNode issues, String task) {
        for (JsonNode i : issues) {
            if (i.get("task").asText().equals(task)) {
                return i;
            }
        }
        throw new AssertionError("no issue for " + task + " in " + issues);
    }

    private static JsonObject runOnce(PipelineConfig config, ExecutionOptions options) throws Exception {
        return RunningPipeline.runOnce(config, options);
    }
}
