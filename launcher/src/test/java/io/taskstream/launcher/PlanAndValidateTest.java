package io.taskstream.launcher;

import io.taskstream.launcher.cli.PlanCommand;
import io.taskstream.launcher.cli.ValidateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** plan and validate on a task repo on disk: every action with its default check, and the cluster warning. */
class PlanAndValidateTest {
    private static final String TASK = """
            ---
            id: TASK-3
            title: Roll out the backend
            priority: high
            labels: [deployment, flux]
            ---

            # TASK-3: Roll out the backend

            ## Acceptance Criteria
            - [ ] HelmRelease points at 0.1.18
              - set-image: apps/ffl/helmrelease.yaml spec.values.image.tag = 0.1.18
            - [ ] Rolled out
              - needs: 1
              - k8s-ready: deployment/ffl-backend in ffl timeout 2m
            - [ ] Endpoint answers
              - http: GET http://127.0.0.1:8080/health -> 200
              - verify: `kubectl -n ffl get deploy ffl-backend`
            """;

    record Output(int exit, String out, String err) {
    }

    private static Output run(Object command, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(command).execute(args);
            return new Output(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Path repo(Path tmp) throws Exception {
        Path file = tmp.resolve("tasks/active/TASK-3.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, TASK);
        return tmp;
    }

    @Test
    void planShowsEveryActionWithItsDefaultCheckAndWarnsAboutTheClusterWithoutAContext(@TempDir Path tmp)
            throws Exception {
        Output plan = run(new PlanCommand(), repo(tmp).toString(), "--kube-context", "");

        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains(
                "set-image apps/ffl/helmrelease.yaml spec.values.image.tag = 0.1.18",
                "check     set-image: the GitOps remote's branch has spec.values.image.tag = 0.1.18",
                "k8s-ready deployment/ffl-backend in ffl timeout 2m",
                "check     k8s-ready: deployment/ffl-backend in ffl has its replicas updated and available",
                "http      GET http://127.0.0.1:8080/health -> 200",
                "check     http: GET http://127.0.0.1:8080/health answers 200",
                "check     verify: kubectl -n ffl get deploy ffl-backend",
                "warning   TASK-3 criterion 2 talks to a cluster (k8s-ready) and no kube context is configured",
                "warning   TASK-3 criterion 3 talks to a cluster (kubectl, helm or flux)");
        assertThat(run(new PlanCommand(), tmp.toString(), "--kube-context", "homelab").out()).doesNotContain("warning");
    }

    @Test
    void validateWarnsOnStandardErrorAndStillPasses(@TempDir Path tmp) throws Exception {
        Output validate = run(new ValidateCommand(), repo(tmp).toString(), "--kube-context", "");

        assertThat(validate.exit()).isZero();
        assertThat(validate.err()).contains("warning: TASK-3 criterion 2 talks to a cluster (k8s-ready)",
                "run with --kube-context NAME");
    }
}
