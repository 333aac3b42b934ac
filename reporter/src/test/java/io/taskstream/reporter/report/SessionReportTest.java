package io.taskstream.reporter.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.CriterionFailed;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.CriterionVerified;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.data.RepoCommit;
import io.taskstream.events.data.ScanCompleted;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.reporter.Events;
import io.taskstream.reporter.SampleRun;
import io.taskstream.reporter.session.SessionLedger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionReportTest {
    private final EventCodec codec = new EventCodec();

    private static SessionReport report(List<Envelope<?>> events) {
        SessionLedger ledger = new SessionLedger();
        events.forEach(ledger::apply);
        return SessionReport.of(ledger.run(SampleRun.RUN_ID).orElseThrow());
    }

    @Test
    void summaryCountsTasksOutcomesAndCriteriaOfTheProcessedTasks() {
        Summary s = report(SampleRun.events()).summary();

        assertThat(s.tasks()).isEqualTo(4);
        assertThat(s.processed()).isEqualTo(3);
        assertThat(s.completed()).isEqualTo(2);
        assertThat(s.blocked()).isEqualTo(1);
        assertThat(s.waiting()).isEqualTo(1);
        assertThat(s.invalid()).isEqualTo(1);
        // TASK-001: 2 of 2 (one already done), TASK-002: 1 of 3, TASK-003: 1 of 1
        assertThat(s.criteriaMet()).isEqualTo(4);
        assertThat(s.criteriaTotal()).isEqualTo(6);
        assertThat(s.percentMet()).isEqualTo(67);
    }

    @Test
    void aCriterionThatFailedVerificationIsNotMetAndTheReportSaysWhy() {
        SessionReport r = report(SampleRun.events());
        TaskReport blocked = r.tasks().stream().filter(t -> t.id().equals("TASK-002")).findFirst().orElseThrow();
        CriterionReport bump = blocked.criteria().get(1);

        assertThat(blocked.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(bump.result()).isEqualTo(CriterionResult.FAILED);
        assertThat(bump.result().met()).isFalse();
        assertThat(bump.attempts()).isEqualTo(2);
        assertThat(bump.retries()).isEqualTo(1);
        assertThat(bump.detail()).contains("verification failed on attempt 2 of 2", SampleRun.VERIFICATION_PROBLEM);
        assertThat(blocked.criteria().get(2).result()).isEqualTo(CriterionResult.SKIPPED);
    }

    @Test
    void markdownHasTheSectionsOfASessionReport() {
        String md = new MarkdownReportWriter().write(report(SampleRun.events()));

        assertThat(md).startsWith("# Task Execution Session Report")
                .contains("**Run ID**: `" + SampleRun.RUN_ID + "`")
                .contains("**Date**: June 14, 2025, 09:30:00–09:31:50 UTC")
                .contains("**Commit**: `3f9c2a7`")
                .contains("**Scan**: full")
                .contains("- **Tasks**: processed 3 of 4: 2 completed, 1 blocked; 1 not started (waiting on dependencies); 1 invalid task file")
                .contains("TASK-002 (Rebuild and push all service images) is blocked: criterion 2 — the command ran but its effect is absent (issue 1).")
                .contains("**Acceptance criteria met**: 4 of 6 (67%)")
                .contains("## Tasks Processed", "### TASK-001: Update registry configuration",
                        "- **Status**: Completed and archived", "- **Priority**: Critical")
                .contains("| 1 | Point .env.build.local at the local registry | verified ✓ | 1 | 2.0 s |")
                .contains("| 2 | Registry answers on 127.0.0.1:5000 | already done | 0 | - |")
                .contains("| 2 | Bump the image tag in the HelmRelease | failed | 2 | 230 ms |")
                .contains("| 3 | Reconcile the HelmRelease | skipped | 0 | - |")
                .contains("- Criterion 2 failed: issue 1")
                .contains("## Critical Issues", "### Issue 1: TASK-002 #2 — the command ran but its effect is absent",
                        "  verification failed on attempt 2 of 2 (verification: " + SampleRun.VERIFICATION_PROBLEM + ")",
                        "- **Check**: `grep -q 'tag: 0.1.18' apps/ffl/helmrelease.yaml`", "- **Attempts**: 2 (1 retry)",
                        "- **Impact**: criterion 3 (Reconcile the HelmRelease) skipped; TASK-002 blocked; "
                                + "TASK-004 held back (waits on TASK-002)")
                .contains("## Recommendations", "1. **HIGH**: Fix issue 1 and run TASK-002 again. TASK-002 is blocked "
                        + "until then; completing it releases TASK-004, which waits on it.")
                .contains("## Tasks Completed", "1. **TASK-001**: Update registry configuration (archived to `tasks/completed/TASK-001.md`",
                        "**TASK-000**: already in completed/ before the run")
                .contains("## Tasks Blocked", "- **Reason**: issue 1 (see Critical Issues)",
                        "- **Needs a person**: no")
                .contains("## Tasks Not Started", "**TASK-004** (Smoke-test the new images): held back, waiting on TASK-002 (blocked)")
                .contains("## Invalid Task Files", "- `tasks/active/TASK-007.md:9`: criterion 2 needs criterion 5, which does not exist")
                .contains("## Git Operations", "- **Commits**: 6 in 1 repository, 6 pushed",
                        "### `file:///srv/git/infra-tasks.git` (task repo, 6 commits, 6 pushed)")
                .contains("## Verification Results", "- **TASK-002 #1** Build all service images ✓ — checked by "
                        + "`docker image inspect 127.0.0.1:5000/ffl-api:0.1.18`, which printed `ok`; recorded in `"
                        + Events.sha("B1").substring(0, 7) + "` `TASK-002: verified criterion 1 (Build all service images)`")
                .contains("## Timeline", "- TASK-002 09:30:01 → 09:31:50: #1 ✓ 1 min 0 s, #2 ✗✗ 230 ms "
                                + "(retry, ran, check failed), #3 skipped (a criterion it needs failed)",
                        "- TASK-003 waited 8.0 s on TASK-001, 09:30:10 → 09:30:46: #1 ✓ 30.0 s",
                        "- TASK-004 waiting since 09:30:02 on TASK-002 (blocked): not started")
                .contains("## Metrics", "- **Acceptance criteria met**: 4 of 6 (67%)", "- **Retries**: 1",
                        "- **Verification failures**: 2")
                .contains("## Backlog Status", "| Task | Status | Priority | Completion | Next Action |",
                        "| TASK-001 | Completed | Critical | 100% | None (archived) |",
                        "| TASK-002 | Blocked | High | 33% | Fix issue 1, then rerun |",
                        "| TASK-004 | Held back | Medium | 0% | Unblock TASK-002 first |",
                        "| TASK-007 | Invalid | - | 0% |");
        assertThat(md).doesNotContain("## Tasks Withdrawn", "| Time (UTC) | Task | Event |");
        assertThat(md.split(java.util.regex.Pattern.quote(SampleRun.VERIFICATION_PROBLEM), -1))
                .as("the reason is said once, in its issue").hasSize(2);
        assertThat(md.indexOf("## Critical Issues")).isLessThan(md.indexOf("## Recommendations"));
        assertThat(md.indexOf("## Executive Summary")).isLessThan(md.indexOf("## Tasks Processed"));
        assertThat(md.indexOf("## Metrics")).isLessThan(md.indexOf("## Backlog Status"));
    }

    @Test
    void gitOperationsShowShortShasAndWhatEachCommitRecorded() {
        SessionReport r = report(SampleRun.events());
        String md = new MarkdownReportWriter().write(r);

        assertThat(r.commits()).hasSize(6).allSatisfy(c -> assertThat(c.shortSha()).hasSize(7));
        CommitReport first = r.commits().get(0);
        assertThat(md).contains("1. `" + first.shortSha() + "` (09:30:08) `TASK-001: verified criterion 1 (Point "
                + ".env.build.local at the local registry)`, pushed", "`TASK-001: completed, archived to tasks/completed/`",
                "`TASK-002: blocked`, pushed");
        assertThat(r.commits()).flatExtracting(CommitReport::what)
                .contains("TASK-001: archived to tasks/completed/TASK-001.md", "TASK-002: marked blocked: " + SampleRun.BLOCK_REASON);
    }

    @Test
    void jsonCarriesTheReportAndEachTasksExecutorContractResult() throws Exception {
        JsonNode json = codec.mapper().readTree(new JsonReportWriter(codec).write(report(SampleRun.events())));

        assertThat(json.at("/run/runId").asText()).isEqualTo(SampleRun.RUN_ID);
        assertThat(json.at("/run/finished").asBoolean()).isTrue();
        assertThat(json.at("/summary/criteriaMet").asInt()).isEqualTo(4);
        assertThat(json.at("/summary/withdrawn").asInt()).isZero();
        assertThat(json.at("/run/incremental").asBoolean()).isFalse();
        assertThat(json.at("/run").has("previousCommit")).isFalse();
        assertThat(json.at("/withdrawn").isArray()).isTrue();
        assertThat(json.at("/withdrawn").size()).isZero();
        assertThat(json.at("/invalidFiles/0/path").asText()).isEqualTo(SampleRun.INVALID_PATH);
        assertThat(json.at("/timeline/0/time").asText()).isEqualTo("2025-06-14T09:30:00Z");

        JsonNode done = json.at("/tasks/0/result");
        assertThat(done.get("success").asBoolean()).isTrue();
        assertThat(done.get("task_id").asText()).isEqualTo("TASK-001");
        assertThat(done.get("task_type").asText()).isEqualTo("configuration");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/completed_criteria/0/command").asText()).startsWith("sed -i");
        assertThat(done.at("/completed_criteria/0/output").asText()).isEqualTo("REGISTRY=127.0.0.1:5000");
        assertThat(done.at("/changes/commands_executed").toString()).isEqualTo("[\"" + SampleRun.ENV.run().get(0) + "\"]");

        JsonNode blocked = json.at("/tasks/1/result");
        assertThat(blocked.get("task_id").asText()).isEqualTo("TASK-002");
        assertThat(blocked.get("success").asBoolean()).isFalse();
        assertThat(blocked.get("status").asText()).isEqualTo("blocked");
        assertThat(blocked.get("criteria").toString()).isEqualTo("{\"total\":3,\"completed\":1,\"failed\":1,\"remaining\":2}");
        assertThat(blocked.at("/remaining_criteria/0/criterion").asText()).isEqualTo("Bump the image tag in the HelmRelease");
        assertThat(blocked.at("/remaining_criteria/0/reason").asText()).contains(SampleRun.VERIFICATION_PROBLEM);
        assertThat(json.at("/tasks/1/blocking/reason").asText()).isEqualTo(SampleRun.BLOCK_REASON);
        assertThat(json.at("/tasks/1/criteria/1/result").asText()).isEqualTo("failed");

        JsonNode heldBack = json.at("/tasks/3");
        assertThat(heldBack.get("status").asText()).isEqualTo("held_back");
        assertThat(heldBack.at("/result/status").asText()).isEqualTo("blocked");
        assertThat(heldBack.has("completion")).isFalse();
    }

    @Test
    void tasksBlockedInTheirFilesBeforeTheRunAndTitlesRepeatingTheIdReadCleanly() {
        Events e = new Events("run-b");
        var t = Events.task("TASK-010", "TASK-010: Rotate the registry password", "low", "security",
                List.of("TASK-011"), Events.criterion(1, "Password rotated"));
        SessionLedger ledger = new SessionLedger();
        ledger.apply(e.waiting(1, t, "TASK-011"));
        ledger.apply(e.at(2, "run-b", new ScanCompleted("file:///srv/git/infra-tasks.git", "main", "3f9c2a7",
                List.of(), List.of("TASK-010"), List.of(), List.of(), List.of("TASK-011"), List.of(), false, "")));
        SessionReport r = SessionReport.of(ledger.run("run-b").orElseThrow());

        assertThat(r.run().finished()).isTrue();
        assertThat(r.tasks().get(0).title()).isEqualTo("Rotate the registry password");
        assertThat(r.tasks().get(0).waitingOn()).containsExactly("TASK-011 (blocked before the run)");
        assertThat(r.summary().blockedBeforeRun()).isEqualTo(1);
        assertThat(new MarkdownReportWriter().write(r))
                .contains("Already blocked in their files before the run", "- **TASK-011**",
                        "| TASK-011 | Blocked before this run | - | 0% | A person clears the block in its file |");
    }

    @Test
    void anIncrementalRunWithOnlyAWithdrawnTaskFinishesAndReportsIt() throws Exception {
        Events e = new Events("run-inc");
        SessionLedger ledger = new SessionLedger();
        ledger.apply(e.scanRequested(0));
        ledger.apply(e.incrementalScanCompleted(2, List.of(), List.of(), List.of(), List.of("TASK-005")));
        assertThat(ledger.finished("run-inc")).isFalse();
        ledger.apply(e.withdrawn(1, "TASK-005", "deleted from the task repo"));
        assertThat(ledger.finished("run-inc")).isTrue();

        SessionReport r = SessionReport.of(ledger.run("run-inc").orElseThrow());
        TaskReport t = r.tasks().get(0);
        assertThat(r.tasks()).hasSize(1);
        assertThat(t.status()).isEqualTo(TaskStatus.WITHDRAWN);
        assertThat(t.path()).isEqualTo("tasks/active/TASK-005.md");
        assertThat(t.nextAction()).isEqualTo("None (withdrawn: deleted from the task repo)");
        assertThat(t.result().success()).isFalse();
        assertThat(r.summary().tasks()).isEqualTo(1);
        assertThat(r.summary().withdrawn()).isEqualTo(1);
        assertThat(r.summary().processed()).isZero();
        assertThat(r.run().incremental()).isTrue();
        assertThat(r.withdrawn()).containsExactly(new Withdrawal("TASK-005", "tasks/active/TASK-005.md",
                "deleted from the task repo", "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1", "3f9c2a7",
                Events.T0.plusSeconds(1)));

        String md = new MarkdownReportWriter().write(r);
        assertThat(md).contains("**Scan**: incremental since a1b2c3d  ",
                "**State**: finished",
                "- **Tasks**: processed 0 of 1: 0 completed, 0 blocked; 0 not started (waiting on dependencies); "
                        + "1 withdrawn before they ran; 0 invalid task files",
                "TASK-005 was withdrawn: deleted from the task repo.",
                "## Tasks Withdrawn", "| Task | Path | Reason | Commit |",
                "| TASK-005 | `tasks/active/TASK-005.md` | deleted from the task repo | `3f9c2a7` |",
                "- TASK-005 09:30:01: withdrawn",
                "| TASK-005 | Withdrawn | - | 0% | None (withdrawn: deleted from the task repo) |")
                .doesNotContain("## Tasks Not Started");
        assertThat(md.indexOf("## Tasks Blocked")).isLessThan(md.indexOf("## Tasks Withdrawn"));

        JsonNode json = codec.mapper().readTree(new JsonReportWriter(codec).write(r));
        assertThat(json.at("/run/incremental").asBoolean()).isTrue();
        assertThat(json.at("/run/previousCommit").asText()).isEqualTo(Events.PREVIOUS_COMMIT);
        assertThat(json.at("/summary/withdrawn").asInt()).isEqualTo(1);
        assertThat(json.at("/withdrawn/0/task").asText()).isEqualTo("TASK-005");
        assertThat(json.at("/timeline/2/text").asText()).isEqualTo("scan completed at 3f9c2a7 (incremental since "
                + "a1b2c3d): 0 ready, 0 waiting, 0 invalid, 0 already completed, 1 withdrawn");
        assertThat(json.at("/withdrawn/0/path").asText()).isEqualTo("tasks/active/TASK-005.md");
        assertThat(json.at("/withdrawn/0/reason").asText()).isEqualTo("deleted from the task repo");
        assertThat(json.at("/withdrawn/0/shortCommit").asText()).isEqualTo("3f9c2a7");
        assertThat(json.at("/tasks/0/status").asText()).isEqualTo("withdrawn");
        assertThat(json.at("/tasks/0/withdrawal/reason").asText()).isEqualTo("deleted from the task repo");
        assertThat(json.at("/tasks/0/result/next_steps").asText()).isEqualTo("None (withdrawn: deleted from the task repo)");
    }

    @Test
    void aTaskWithdrawnAfterItWasReadyShowsAsWithdrawnWithTheReasonAndHoldsItsDependantsBack() {
        Events e = new Events("run-w");
        var a = Events.task("TASK-A", "Build images", "high", "build", List.of(), Events.criterion(1, "Images built"));
        var w = Events.task("TASK-W", "Deploy", "medium", "deployment", List.of("TASK-A"), Events.criterion(1, "Deployed"));
        String reason = "already in progress in run 20261122-0815-9c1d";
        SessionLedger ledger = new SessionLedger();
        ledger.apply(e.ready(1, a, 1));
        ledger.apply(e.waiting(1, w, "TASK-A"));
        ledger.apply(e.scanCompleted(2, List.of("TASK-A"), List.of("TASK-W"), List.of(), List.of()));
        ledger.apply(e.withdrawn(3, "TASK-A", reason));
        SessionReport r = SessionReport.of(ledger.run("run-w").orElseThrow());

        assertThat(r.run().finished()).isTrue();
        TaskReport ta = r.tasks().get(0);
        assertThat(ta.status()).isEqualTo(TaskStatus.WITHDRAWN);
        assertThat(ta.withdrawal().reason()).isEqualTo(reason);
        assertThat(ta.outcome()).startsWith("Withdrawn: " + reason);
        assertThat(r.tasks().get(1).status()).isEqualTo(TaskStatus.HELD_BACK);
        assertThat(r.tasks().get(1).waitingOn()).containsExactly("TASK-A (withdrawn)");
        assertThat(r.summary().processed()).isEqualTo(1);
        assertThat(r.summary().withdrawn()).isEqualTo(1);
        assertThat(new MarkdownReportWriter().write(r)).contains(
                "- **Tasks**: processed 1 of 2: 0 completed, 0 blocked, 1 withdrawn; 1 not started (waiting on dependencies); 0 invalid task files",
                "- **Status**: Withdrawn: " + reason,
                "TASK-A was withdrawn: " + reason + ".",
                "| TASK-A | `tasks/active/TASK-A.md` | " + reason + " | `3f9c2a7` |",
                "| TASK-A | Withdrawn | High | 0% | None (withdrawn: " + reason + ") |",
                "| TASK-W | Held back | Medium | 0% | Unblock TASK-A first |");
    }

    @Test
    void commitsOutsideTheTaskRepoAndFilesAFailureLeftChangedAreReported() {
        Events e = new Events("run-c");
        var bump = Events.criterion(1, "HelmRelease points at 0.1.18");
        var build = Events.criterion(2, "App rebuilt");
        var t = Events.task("TASK-C", "Release", "high", "deployment", List.of(), bump, build);
        SessionLedger ledger = new SessionLedger();
        ledger.apply(e.ready(1, t, 1));
        ledger.apply(e.scanCompleted(2, List.of("TASK-C"), List.of(), List.of(), List.of()));
        ledger.apply(e.started(3, "TASK-C", bump, 1));
        ledger.apply(e.ran(4, "TASK-C", bump, 1, 900, ""));
        ledger.apply(e.at(5, "TASK-C", new CriterionVerified(1, bump.text(), 1, Events.sha("T1"), 40, "",
                List.of("the GitOps remote's branch has spec.values.image.tag = 0.1.18"),
                List.of(new RepoCommit("file:///srv/gitops.git", Events.sha("G1"), "taskstream/TASK-C-1", true,
                                "on its own branch for a person to merge"),
                        new RepoCommit("ffl", Events.sha("W1"), "main", false, "not pushed: no remote")))));
        ledger.apply(e.started(6, "TASK-C", build, 1));
        ledger.apply(e.at(7, "TASK-C", new CriterionFailed(2, build.text(), 1, "a-2", FailureCause.RUN_FAILED, 2,
                300, "make: *** [all] Error 2", "step 1 exited with 2", null, List.of("ffl/Makefile", "ffl/app.py"))));
        SessionReport r = SessionReport.of(ledger.run("run-c").orElseThrow());

        CriterionReport verified = r.tasks().get(0).criteria().get(0);
        assertThat(verified.checks()).containsExactly("the GitOps remote's branch has spec.values.image.tag = 0.1.18");
        assertThat(verified.repoCommits()).hasSize(2);
        assertThat(r.tasks().get(0).criteria().get(1).leftChanged()).containsExactly("ffl/Makefile", "ffl/app.py");
        assertThat(new MarkdownReportWriter().write(r)).contains(
                "- Criterion 1 committed in `file:///srv/gitops.git` on `taskstream/TASK-C-1` as `"
                        + Events.sha("G1").substring(0, 7) + "`, pushed (on its own branch for a person to merge); in `ffl` on `main` as `"
                        + Events.sha("W1").substring(0, 7) + "`, not pushed: no remote",
                "left changed, committed nowhere: `ffl/Makefile`, `ffl/app.py`",
                "- **Commits**: 3 in 3 repositories, 2 pushed",
                "### `file:///srv/gitops.git` (GitOps, 1 commits, 1 pushed)",
                "1. `" + Events.sha("G1").substring(0, 7) + "` (09:30:05) TASK-C #1: set-image (HelmRelease points at 0.1.18)"
                        + " (subject not in the events) on `taskstream/TASK-C-1`, pushed: on its own branch for a person to merge",
                "### `ffl` (workspace, 1 commits, 0 pushed)",
                "1. `" + Events.sha("W1").substring(0, 7) + "` (09:30:05) `TASK-C #1: HelmRelease points at 0.1.18` on `main`,"
                        + " not pushed: no remote",
                "### Issue 1: TASK-C #2 — the command failed", "  make: *** [all] Error 2",
                "- **Cause**: step 1 exited with 2");
    }

    @Test
    void theSameEventsReadInAnotherPartitionOrderGiveTheSameBytes() {
        List<Envelope<?>> events = SampleRun.events();
        List<String> subjects = new ArrayList<>(events.stream().map(Envelope::subject).distinct().toList());
        Collections.reverse(subjects);
        List<Envelope<?>> byTaskReversed = new ArrayList<>();
        subjects.forEach(s -> events.stream().filter(e -> e.subject().equals(s)).forEach(byTaskReversed::add));

        SessionReport a = report(events);
        SessionReport b = report(byTaskReversed);
        assertThat(new MarkdownReportWriter().write(b)).isEqualTo(new MarkdownReportWriter().write(a));
        assertThat(new JsonReportWriter(codec).write(b)).isEqualTo(new JsonReportWriter(codec).write(a));
    }

    private static final String BUILD = "VERSION=0.1.18 ./scripts/build.sh --push all | tee build.log";
    private static final String CHECK_TAGS = "curl -fs http://127.0.0.1:5000/v2/ffl-backend/tags/list | grep -q 0.1.18";

    /** A dry run with criteria 1 to 3 selected and verification skipped: two tasks planned, one held back. */
    private static List<Envelope<?>> dryRun(Events e) {
        ExecutionOptions options = new ExecutionOptions(true, List.of(1, 2, 3), true);
        TaskSnapshot x = Events.task("TASK-X", "Build and push images", "high", "build", List.of(),
                new CriterionSpec(1, "Build FFL images v0.1.18 and push them", 11, false, List.of(BUILD), "ffl",
                        Map.of("REGISTRY_URL", "http://127.0.0.1:5000"), 900, List.of(CHECK_TAGS), List.of(),
                        List.of()),
                Events.criterion(2, "Registry answers on its new address", true, List.of(), List.of(), List.of()),
                Events.criterion(3, "Agree the rollout window with the team lead", false, List.of(), List.of(),
                        List.of()),
                Events.criterion(4, "Announce the release", false, List.of("./announce.sh"), List.of("true"),
                        List.of()));
        TaskSnapshot y = Events.task("TASK-Y", "Bump the chart", "medium", "configuration", List.of(),
                Events.criterion(1, "Bump the chart version", false, List.of("yq -i '.version = \"0.1.18\"' Chart.yaml"),
                        List.of("grep -q 0.1.18 Chart.yaml"), List.of()),
                Events.criterion(2, "Package the chart", false, List.of("helm package ."), List.of(), List.of(1)));
        TaskSnapshot w = Events.task("TASK-W", "Deploy", "low", "deployment", List.of("TASK-X"),
                Events.criterion(1, "Deployed"));
        return List.of(e.scanRequested(0, options), e.ready(1, x, 1, options), e.ready(1, y, 2, options),
                e.waiting(1, w, "TASK-X"),
                e.scanCompleted(2, List.of("TASK-X", "TASK-Y"), List.of("TASK-W"), List.of(), List.of()),
                e.planned(3, x, options), e.planned(4, y, options));
    }

    @Test
    void aDryRunReportsWhatWouldRunAndCountsNothingAsMetOrFailed() {
        SessionLedger ledger = new SessionLedger();
        dryRun(new Events("run-dry")).forEach(ledger::apply);
        SessionReport r = SessionReport.of(ledger.run("run-dry").orElseThrow());

        assertThat(r.run().finished()).isTrue();
        assertThat(r.run().dryRun()).isTrue();
        assertThat(r.tasks()).extracting(TaskReport::status)
                .containsExactly(TaskStatus.PLANNED, TaskStatus.PLANNED, TaskStatus.HELD_BACK);
        TaskReport x = r.tasks().get(0);
        assertThat(x.criteria()).extracting(CriterionReport::result).containsOnly(CriterionResult.PLANNED);
        assertThat(x.criteriaMet()).isZero();
        assertThat(x.plan().wouldRun()).isEqualTo(1);
        assertThat(x.outcome()).isEqualTo("Dry run: 1 of 4 criteria would run (1 already done, 1 filtered out, "
                + "1 needs a person); nothing was executed or recorded");
        assertThat(r.tasks().get(2).waitingOn()).containsExactly("TASK-X (planned by the dry run)");
        assertThat(r.tasks().get(2).nextAction())
                .isEqualTo("Starts when TASK-X completes in a run without --dry-run");

        Summary s = r.summary();
        assertThat(s.processed()).isEqualTo(2);
        assertThat(s.planned()).isEqualTo(2);
        assertThat(s.completed()).isZero();
        assertThat(s.blocked()).isZero();
        assertThat(s.waiting()).isEqualTo(1);
        assertThat(s.criteriaWouldRun()).isEqualTo(3);
        assertThat(s.criteriaMet()).isZero();
        assertThat(s.criteriaTotal()).isZero();
        Metrics m = r.metrics();
        assertThat(List.of(m.verified(), m.alreadyDone(), m.failed(), m.skipped(), m.unverifiable(), m.attempts(),
                m.commits())).containsOnly(0);
        assertThat(r.commits()).isEmpty();

        String md = new MarkdownReportWriter().write(r);
        assertThat(md).contains("**Options**: dry run, criteria 1,2,3, skip verification  ",
                "**State**: finished",
                "Dry run: 2 tasks planned, 3 criteria would run, nothing was executed or recorded.",
                "- **Tasks**: processed 2 of 3: 0 completed, 0 blocked, 2 planned; 1 not started (waiting on dependencies); "
                        + "0 invalid task files",
                "### TASK-X: Build and push images",
                "- **Status**: Planned (dry run): nothing was executed or recorded",
                "| # | Criterion | Plan | Commands | In | Verify |",
                "| 1 | Build FFL images v0.1.18 and push them | would run "
                        + "| `VERSION=0.1.18 ./scripts/build.sh --push all \\| tee build.log` | `ffl` "
                        + "| `curl -fs http://127.0.0.1:5000/v2/ffl-backend/tags/list \\| grep -q 0.1.18` |",
                "| 2 | Registry answers on its new address | already done | - | - | - |",
                "| 3 | Agree the rollout window with the team lead | needs a person | - | - | - |",
                "| 4 | Announce the release | filtered out | `./announce.sh` | - | `true` |",
                "- Criterion 1: env REGISTRY_URL; timeout 15 min 0 s",
                "| 2 | Package the chart | would run (needs 1) | `helm package .` | - | none (would be unverifiable) |",
                "- TASK-X 09:30:01 → 09:30:03: #1 planned (would run), #2 planned (already done), "
                        + "#3 planned (needs a person (no executable step)), #4 planned (filtered out by the criteria filter)",
                "- TASK-Y 09:30:01 → 09:30:04: #1 planned (would run), #2 planned (would run)",
                "- **Tasks planned (dry run)**: 2, 3 criteria would run; left out of the numbers below",
                "| TASK-X | Planned (dry run) | High | 0% | Run without --dry-run to execute |",
                "| TASK-W | Held back | Low | 0% | Starts when TASK-X completes in a run without --dry-run |")
                .doesNotContain("**Acceptance criteria met**: 0 of 0 (0%) across", "## Git Operations",
                        "| Result | Attempts |");
    }

    @Test
    void aDryRunsJsonCarriesThePlannedCriteriaAndThePlannedExecutorContractResult() throws Exception {
        SessionLedger ledger = new SessionLedger();
        List<Envelope<?>> events = dryRun(new Events("run-dry"));
        events.forEach(ledger::apply);
        String written = new JsonReportWriter(codec).write(SessionReport.of(ledger.run("run-dry").orElseThrow()));
        JsonNode json = codec.mapper().readTree(written);

        assertThat(json.at("/run/dryRun").asBoolean()).isTrue();
        assertThat(json.at("/run/criteriaFilter").toString()).isEqualTo("[1,2,3]");
        assertThat(json.at("/run/skipVerification").asBoolean()).isTrue();
        assertThat(json.at("/summary/planned").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/criteriaWouldRun").asInt()).isEqualTo(3);
        assertThat(json.at("/summary/criteriaMet").asInt()).isZero();
        assertThat(json.at("/metrics/alreadyDone").asInt()).isZero();

        JsonNode x = json.at("/tasks/0");
        assertThat(x.get("status").asText()).isEqualTo("planned");
        assertThat(x.at("/plan/executor").asText()).isEqualTo("executor-1");
        assertThat(x.at("/plan/wouldRun").asInt()).isEqualTo(1);
        assertThat(x.at("/plan/criteria/0/plan").asText()).isEqualTo("run");
        assertThat(x.at("/plan/criteria/0/commands/0").asText()).isEqualTo(BUILD);
        assertThat(x.at("/plan/criteria/0/workingDir").asText()).isEqualTo("ffl");
        assertThat(x.at("/plan/criteria/0/envNames").toString()).isEqualTo("[\"REGISTRY_URL\"]");
        assertThat(x.at("/plan/criteria/0/timeoutSeconds").asLong()).isEqualTo(900);
        assertThat(x.at("/plan/criteria/0/verify/0").asText()).isEqualTo(CHECK_TAGS);
        assertThat(x.at("/plan/criteria").findValuesAsText("plan"))
                .containsExactly("run", "already-done", "needs-human", "filtered");
        assertThat(x.at("/criteria/1/result").asText()).isEqualTo("planned");
        assertThat(x.has("completion")).isFalse();

        JsonNode result = x.get("result");
        assertThat(result.get("status").asText()).isEqualTo("planned");
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("criteria").toString())
                .isEqualTo("{\"total\":4,\"completed\":0,\"failed\":0,\"remaining\":4}");
        assertThat(result.get("completed_criteria").size()).isZero();
        assertThat(result.get("remaining_criteria").findValuesAsText("reason")).containsExactly(
                "dry run: would run", "already done", "dry run: needs a person (no executable step)",
                "dry run: filtered out by the criteria filter");
        assertThat(result.at("/changes/commands_executed").isArray()).isTrue();
        assertThat(result.at("/changes/commands_executed").size()).isZero();
        assertThat(result.get("next_steps").asText()).isEqualTo("Run without --dry-run to execute");
        assertThat(json.at("/tasks/2/status").asText()).isEqualTo("held_back");

        // The same bytes whatever order the partitions were read in.
        List<Envelope<?>> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        SessionLedger other = new SessionLedger();
        reversed.forEach(other::apply);
        assertThat(new JsonReportWriter(codec).write(SessionReport.of(other.run("run-dry").orElseThrow())))
                .isEqualTo(written);
    }
}
