package io.taskstream.actions;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The checking half of a criterion's steps (the verifier's independent check), with real bash commands in a temp workspace. */
class CriterionStepsCheckTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path outside;
    private CriterionSteps steps;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("ffl"));
        steps = new CriterionSteps(new Workspace(root), new Tools(CommandRunner.defaults(), Map.of()),
                Map.of("registry-token", "s3cr3t-v4lue-123"), Duration.ofSeconds(30));
    }

    private static CriterionSpec spec(String in, long timeoutSeconds, Map<String, String> env, String... verify) {
        return new CriterionSpec(1, "the criterion", 12, false, List.of("echo run"), in, env, timeoutSeconds,
                List.of(verify), List.of(), List.of());
    }

    private StepResult check(CriterionSpec spec) throws InterruptedException {
        return steps.check(new TaskSnapshot("TASK-1", "t", "high", "pending", "tasks/active/TASK-1.md", List.of(),
                List.of(), "general", List.of(spec)), spec, Map.of());
    }

    @Test
    void everyCheckPassingInTheCriterionsDirectoryPasses() throws Exception {
        Files.writeString(root.resolve("ffl/.env.build.local"), "REGISTRY_URL=127.0.0.1:5000\n");

        StepResult outcome = check(spec("ffl", 0, Map.of("WANT", "127.0.0.1:5000"),
                "grep -qx \"REGISTRY_URL=$WANT\" .env.build.local", "echo checked in $(basename \"$PWD\")"));

        assertThat(outcome).isInstanceOfSatisfying(StepResult.Done.class,
                p -> assertThat(p.output()).contains("checked in ffl"));
    }

    @Test
    void aCheckGetsTheSecretsItReferencesAndTheirValuesNeverLeave() throws Exception {
        StepResult outcome = check(spec("", 0, Map.of("TOKEN", "${secret:registry-token}"),
                "echo \"using $TOKEN\"; test \"$TOKEN\" = s3cr3t-v4lue-123"));

        assertThat(outcome).isInstanceOfSatisfying(StepResult.Done.class,
                p -> assertThat(p.output()).contains("using [REDACTED]").doesNotContain("s3cr3t"));
    }

    @Test
    void aCheckNamingAnUnknownSecretFailsWithoutRunning() throws Exception {
        StepResult outcome = check(spec("", 0, Map.of("TOKEN", "${secret:nope}"), "touch ran"));

        assertThat(outcome).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.reason()).contains("unknown secret nope"));
        assertThat(root.resolve("ran")).doesNotExist();
    }

    @Test
    void aFailingCheckReportsItsExitCodeAndWhichCheckItWas() throws Exception {
        StepResult outcome = check(spec("", 0, Map.of(), "true", "echo not there; exit 3", "touch third"));

        assertThat(outcome).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.exitCode()).isEqualTo(3);
            assertThat(f.reason()).isEqualTo("check 2 (echo not there; exit 3) exited with 3");
            assertThat(f.output()).contains("not there");
        });
        assertThat(root.resolve("third")).as("checks after a failing one do not run").doesNotExist();
    }

    @Test
    void aCriterionWithoutAVerifyStepIsUnverifiable() throws Exception {
        StepResult outcome = check(spec("", 0, Map.of()));

        assertThat(outcome).isInstanceOfSatisfying(StepResult.Unverifiable.class,
                u -> assertThat(u.reason()).contains("no verify step"));
    }

    @Test
    void aHangingCheckIsKilledAtTheCriterionsTimeout() throws Exception {
        long start = System.nanoTime();
        StepResult outcome = check(spec("", 1, Map.of(), "sleep 600 & echo $! > sleeper.pid; wait"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(outcome).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.exitCode()).isEqualTo(-1);
            assertThat(f.reason()).isEqualTo("check 1 ran past its 1s timeout");
        });
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        long pid = Long.parseLong(Files.readString(root.resolve("sleeper.pid")).strip());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside", "ffl/../../outside", "/tmp", "link-out"})
    void anInThatLeavesTheWorkspaceFailsWithoutRunningAnything(String in) throws Exception {
        Files.createSymbolicLink(root.resolve("link-out"), outside);

        StepResult outcome = check(spec(in, 0, Map.of(), "touch escaped"));

        assertThat(outcome).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.exitCode()).isEqualTo(-1);
            assertThat(f.reason()).contains("'" + in + "'");
        });
        try (var found = Files.walk(tmp)) {
            assertThat(found.filter(p -> p.getFileName().toString().equals("escaped"))).as("nothing ran").isEmpty();
        }
    }
}
