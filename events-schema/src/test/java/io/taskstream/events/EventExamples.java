package io.taskstream.events;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import io.taskstream.events.envelope.Source;

import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One realistic event per type, following TASK-002 ("Rebuild and push all service images") through one run.
 * Fixed ids and times, so that the examples compare equal after a round trip.
 */
public final class EventExamples {
    public static final String RUN_ID = "run-20250614-0930-7f3a";
    public static final String TASK_ID = "TASK-002";
    public static final String SCANNED_COMMIT = "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1";
    public static final String CHECKED_COMMIT = "a41be09c7d2f3e5a6b8c9d0e1f2a3b4c5d6e7f80";
    public static final String ARCHIVED_COMMIT = "c07d5e2b9a1f4e6d8c3b7a5f9e2d1c0b8a7f6e5d";

    private static final Instant T0 = Instant.parse("2025-06-14T09:30:00Z");
    private static final URI SCANNER = Source.of("scanner", "scanner-1");
    private static final URI EXECUTOR = Source.of("executor", "127.0.0.1:7070");
    private static final URI VERIFIER = Source.of("verifier", "verifier-1");
    private static final URI CLI = Source.of("cli", "ops-laptop");

    private EventExamples() {
    }

    public static final CriterionSpec BUILD = new CriterionSpec(1, "Build all service images", 14, false,
            List.of("make -C services images TAG=0.1.18"), "", Map.of("REGISTRY", "127.0.0.1:5000"), 900,
            List.of("docker image inspect 127.0.0.1:5000/ffl-api:0.1.18"), List.of(),
            List.of(new ActionSpec("build", "services/api/Dockerfile -> 127.0.0.1:5000/ffl-api:0.1.18", 16)));
    public static final CriterionSpec PUSH = new CriterionSpec(2, "Push every image to the local registry", 18, false,
            List.of("docker push 127.0.0.1:5000/ffl-api:0.1.18", "docker push 127.0.0.1:5000/ffl-worker:0.1.18"),
            "services", Map.of(), 0,
            List.of("curl -fsS http://127.0.0.1:5000/v2/ffl-api/tags/list | grep -q 0.1.18"), List.of(1), List.of());
    public static final CriterionSpec BUMP = new CriterionSpec(3, "Bump the image tag in the HelmRelease", 22, false,
            List.of(), "", Map.of(), 0,
            List.of("grep -q 'tag: 0.1.18' apps/ffl/helmrelease.yaml"), List.of(2),
            List.of(new ActionSpec("set-image", "apps/ffl/helmrelease.yaml spec.values.image.tag = 0.1.18", 24)));
    public static final CriterionSpec SIGN_OFF = new CriterionSpec(4, "Agree the rollout window with the team lead", 27,
            false, List.of(), "", Map.of(), 0, List.of(), List.of(3), List.of());

    public static final TaskSnapshot TASK = new TaskSnapshot(TASK_ID, "Rebuild and push all service images", "high",
            "active", "tasks/active/TASK-002.md", List.of("build", "images"), List.of("TASK-001"), "build",
            List.of(BUILD, PUSH, BUMP, SIGN_OFF));

    private static final ExecutionOptions OPTIONS = ExecutionOptions.defaults();

    /** Every example, in {@link EventType} order. */
    public static Map<EventType, Envelope<?>> all() {
        Map<EventType, Envelope<?>> m = new EnumMap<>(EventType.class);
        put(m, 1, CLI, RUN_ID, 0, new ScanRequested("", "main", false, "cli", OPTIONS));
        put(m, 2, SCANNER, RUN_ID, 4, new ScanCompleted("file:///srv/git/infra-tasks.git", "main", SCANNED_COMMIT,
                List.of(TASK_ID), List.of("TASK-003"), List.of("tasks/active/TASK-007.md"), List.of("TASK-001"),
                List.of("TASK-005"), List.of(), false, ""));
        put(m, 3, SCANNER, TASK_ID, 3, new TaskReady(TASK, SCANNED_COMMIT, 1, OPTIONS));
        put(m, 4, SCANNER, "TASK-003", 3, new TaskWaiting(new TaskSnapshot("TASK-003",
                "Roll out 0.1.18 to the staging cluster", "medium", "active", "tasks/active/TASK-003.md",
                List.of("deployment"), List.of(TASK_ID), "deployment", List.of(new CriterionSpec(1,
                "Wait for the ffl-api rollout", 12, false, List.of(), "", Map.of(), 300, List.of(), List.of(),
                List.of(new ActionSpec("k8s-ready", "deployment/ffl-api -n ffl", 13))))),
                SCANNED_COMMIT, List.of(TASK_ID)));
        put(m, 5, SCANNER, "tasks/active/TASK-007.md", 3, new TaskInvalid("tasks/active/TASK-007.md", 9,
                "criterion 2 needs criterion 5, which does not exist", SCANNED_COMMIT));
        put(m, 6, EXECUTOR, TASK_ID, 10, new CriterionStarted(1, BUILD.text(), 1,
                "2b6f0c1e-0d4a-4c8e-9a57-5f3e1b2c7d90", "executor@127.0.0.1:7070", BUILD.run(), "", false));
        put(m, 7, EXECUTOR, TASK_ID, 250, new CriterionCompleted(1, BUILD.text(), 1,
                "2b6f0c1e-0d4a-4c8e-9a57-5f3e1b2c7d90", 0, 238_417, "Successfully tagged 127.0.0.1:5000/ffl-api:0.1.18\n",
                1_482_311, false));
        put(m, 8, EXECUTOR, TASK_ID, 300, new CriterionFailed(2, PUSH.text(), 1,
                "8e1d4b7a-3c2f-4a6e-b1d9-0f5c7e2a9b34", FailureCause.RUN_FAILED, 1, 4_120,
                "Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused\n",
                "step 1 of 2 exited 1", T0.plusSeconds(330)));
        put(m, 9, EXECUTOR, TASK_ID, 301, new CriterionSkipped(4, SIGN_OFF.text(), SkipReason.NEEDS_HUMAN,
                "no run steps and no actions: a person has to do it"));
        put(m, 10, EXECUTOR, TASK_ID, 301, new CriterionRetry(2, PUSH.text(), 2, T0.plusSeconds(330),
                FailureCause.RUN_FAILED));
        put(m, 11, VERIFIER, TASK_ID, 260, new CriterionVerified(1, BUILD.text(), 1, CHECKED_COMMIT, 1_870,
                "[{\"Id\":\"sha256:5e0b7f3c...\",\"RepoTags\":[\"127.0.0.1:5000/ffl-api:0.1.18\"]}]\n"));
        put(m, 12, VERIFIER, TASK_ID, 420, new VerificationFailed(3, BUMP.text(), 1, 1, "",
                "grep found no 'tag: 0.1.18' in apps/ffl/helmrelease.yaml", false));
        put(m, 13, VERIFIER, TASK_ID, 900, new TaskCompleted(TASK.title(), ARCHIVED_COMMIT,
                "tasks/completed/TASK-002.md", 4));
        put(m, 14, EXECUTOR, TASK_ID, 302, new TaskBlocked(TASK.title(), "criterion 4 needs a person", true,
                List.of("4. Agree the rollout window with the team lead: no executable step"), CHECKED_COMMIT));
        put(m, 15, SCANNER, "TASK-006", 1200, new TaskWithdrawn("tasks/backlog/TASK-006.md",
                "moved to tasks/completed/TASK-006.md by hand", ARCHIVED_COMMIT));
        put(m, 16, EXECUTOR, TASK_ID, 5, new TaskPlanned(TASK.title(), "executor-1", List.of(
                new PlannedCriterion(1, "Registry answers on its new address", "already-done", List.of(), "",
                        List.of(), 0, List.of(), List.of()),
                new PlannedCriterion(2, "Build FFL images v0.1.18 and push them", "run",
                        List.of("VERSION=0.1.18 ./scripts/build.sh --push all"), "ffl", List.of("REGISTRY_URL"), 900,
                        List.of("curl -fs http://127.0.0.1:5000/v2/ffl-backend/tags/list | grep -q 0.1.18"),
                        List.of()))));
        return m;
    }

    public static Envelope<?> of(EventType type) {
        return all().get(type);
    }

    private static <D extends EventData> void put(Map<EventType, Envelope<?>> m, int n, URI source, String subject,
                                                  long secondsAfterStart, D data) {
        String id = String.format("0f8e7d6c-5b4a-4392-8170-%012d", n);
        Envelope<D> e = new Envelope<>(id, EventType.of(data).type(), source, subject,
                T0.plusSeconds(secondsAfterStart).plusMillis(n), RUN_ID, data);
        m.put(e.eventType(), e);
    }
}
