package io.taskstream.reporter;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.taskstream.reporter.Events.criterion;
import static io.taskstream.reporter.Events.sha;
import static io.taskstream.reporter.Events.task;

/**
 * A realistic run over a small task repo:
 * <ul>
 *   <li>TASK-001 completes (one criterion verified, one already checked);</li>
 *   <li>TASK-002 is blocked: its HelmRelease bump fails verification twice, so the reconcile that needs it is skipped;</li>
 *   <li>TASK-003 waits on TASK-001 and is released when TASK-001 completes, then completes;</li>
 *   <li>TASK-004 waits on TASK-002 and is held back because TASK-002 is blocked;</li>
 *   <li>{@code tasks/active/TASK-007.md} is invalid; TASK-000 was completed before the run.</li>
 * </ul>
 */
public final class SampleRun {
    public static final String RUN_ID = "run-20250614-0930-7f3a";
    public static final String INVALID_PATH = "tasks/active/TASK-007.md";

    public static final CriterionSpec ENV = criterion(1, "Point .env.build.local at the local registry", false,
            List.of("sed -i 's#^REGISTRY=.*#REGISTRY=127.0.0.1:5000#' .env.build.local"),
            List.of("grep -q 'REGISTRY=127.0.0.1:5000' .env.build.local"), List.of());
    public static final CriterionSpec REACHABLE = criterion(2, "Registry answers on 127.0.0.1:5000", true,
            List.of(), List.of(), List.of());
    public static final TaskSnapshot TASK_001 = task("TASK-001", "Update registry configuration", "critical",
            "configuration", List.of(), ENV, REACHABLE);

    public static final CriterionSpec BUILD = criterion(1, "Build all service images", false,
            List.of("make -C services images TAG=0.1.18"),
            List.of("docker image inspect 127.0.0.1:5000/ffl-api:0.1.18"), List.of());
    public static final CriterionSpec BUMP = criterion(2, "Bump the image tag in the HelmRelease", false,
            List.of("yq -i '.spec.values.image.tag = \"0.1.18\"' apps/ffl/helmrelease.yaml"),
            List.of("grep -q 'tag: 0.1.18' apps/ffl/helmrelease.yaml"), List.of(1));
    public static final CriterionSpec RECONCILE = criterion(3, "Reconcile the HelmRelease", false,
            List.of("flux reconcile helmrelease ffl -n ffl"), List.of("true"), List.of(2));
    public static final TaskSnapshot TASK_002 = task("TASK-002", "Rebuild and push all service images", "high",
            "build", List.of(), BUILD, BUMP, RECONCILE);

    public static final CriterionSpec ROLLOUT = criterion(1, "Wait for the ffl-api rollout", false,
            List.of("kubectl rollout status deployment/ffl-api -n ffl"), List.of("true"), List.of());
    public static final TaskSnapshot TASK_003 = task("TASK-003", "Roll out to staging", "medium", "deployment",
            List.of("TASK-001"), ROLLOUT);

    public static final TaskSnapshot TASK_004 = task("TASK-004", "Smoke-test the new images", "medium",
            "verification", List.of("TASK-002"), criterion(1, "Smoke tests pass against staging"));

    public static final String VERIFICATION_PROBLEM = "grep found no 'tag: 0.1.18' in apps/ffl/helmrelease.yaml";
    public static final String BLOCK_REASON = "criterion 2 failed verification after 2 attempts";

    private SampleRun() {
    }

    /** Every event of the run, in the order of their times (the order the services emit them). */
    public static List<Envelope<?>> events() {
        Events e = new Events(RUN_ID);
        List<Envelope<?>> out = new ArrayList<>();
        out.add(e.scanRequested(0));
        out.add(e.ready(1, TASK_001, 1));
        out.add(e.ready(1, TASK_002, 2));
        out.add(e.waiting(2, TASK_003, "TASK-001"));
        out.add(e.waiting(2, TASK_004, "TASK-002"));
        out.add(e.at(2, "TASK-007", new TaskInvalid(INVALID_PATH, 9,
                "criterion 2 needs criterion 5, which does not exist", "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1")));
        out.add(e.scanCompleted(3, List.of("TASK-001", "TASK-002"), List.of("TASK-003", "TASK-004"),
                List.of(INVALID_PATH), List.of("TASK-000")));

        out.add(e.started(5, "TASK-001", ENV, 1));
        out.add(e.ran(7, "TASK-001", ENV, 1, 2_000, "REGISTRY=127.0.0.1:5000\n"));
        out.add(e.verified(8, "TASK-001", ENV, 1, sha("A1")));
        out.add(e.completed(9, TASK_001, sha("A2")));
        out.add(e.ready(10, TASK_003, 3));
        out.add(e.started(11, "TASK-003", ROLLOUT, 1));
        out.add(e.ran(41, "TASK-003", ROLLOUT, 1, 30_000, "deployment \"ffl-api\" successfully rolled out\n"));
        out.add(e.verified(45, "TASK-003", ROLLOUT, 1, sha("C1")));
        out.add(e.completed(46, TASK_003, sha("C2")));

        out.add(e.started(6, "TASK-002", BUILD, 1));
        out.add(e.ran(66, "TASK-002", BUILD, 1, 60_000, "Successfully tagged 127.0.0.1:5000/ffl-api:0.1.18\n"));
        out.add(e.verified(70, "TASK-002", BUILD, 1, sha("B1")));
        out.add(e.started(71, "TASK-002", BUMP, 1));
        out.add(e.ran(72, "TASK-002", BUMP, 1, 120, ""));
        out.add(e.at(73, "TASK-002", new VerificationFailed(2, BUMP.text(), 1, 1, "", VERIFICATION_PROBLEM, false)));
        out.add(e.at(74, "TASK-002", new CriterionFailed(2, BUMP.text(), 1, "TASK-002-2-1",
                FailureCause.VERIFICATION_FAILED, 1, 0, "", VERIFICATION_PROBLEM, Events.T0.plusSeconds(104))));
        out.add(e.at(104, "TASK-002", new CriterionRetry(2, BUMP.text(), 2, Events.T0.plusSeconds(104),
                FailureCause.VERIFICATION_FAILED)));
        out.add(e.started(105, "TASK-002", BUMP, 2));
        out.add(e.ran(106, "TASK-002", BUMP, 2, 110, ""));
        out.add(e.at(107, "TASK-002", new VerificationFailed(2, BUMP.text(), 2, 1, "", VERIFICATION_PROBLEM, false)));
        out.add(e.at(108, "TASK-002", new CriterionFailed(2, BUMP.text(), 2, "TASK-002-2-2",
                FailureCause.VERIFICATION_FAILED, 1, 0, "", "verification failed on attempt 2 of 2", null)));
        out.add(e.at(109, "TASK-002", new CriterionSkipped(3, RECONCILE.text(), SkipReason.NEED_FAILED,
                "criterion 2 failed")));
        out.add(e.blocked(110, TASK_002, BLOCK_REASON, List.of(
                "criterion 2 (Bump the image tag in the HelmRelease): failed: verification failed on attempt 2 of 2",
                "criterion 3 (Reconcile the HelmRelease): skipped: criterion 2 failed"), sha("B2")));
        out.sort(Comparator.comparing(Envelope::time));
        return out;
    }
}
