package io.taskstream.actions.build;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.events.data.FailureCause;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.task.action.BuildAction;
import io.taskstream.task.action.ImageRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ImageBuildTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static DockerEngine engine;
    private static TestRegistry registry;
    private static ImageBuild build;
    private final List<ImageRef> built = new ArrayList<>();
    @TempDir
    Path dir;

    @BeforeAll
    static void engineAndRegistry(@TempDir Path registryDir) {
        engine = Engines.require();
        registry = TestRegistry.start(registryDir);
        build = new ImageBuild(engine);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void removeImages() {
        for (ImageRef image : built) {
            try {
                engine.client().removeImageCmd(image.toString()).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // never built, e.g. the build failed
            }
        }
    }

    @Test
    void buildsPushesAndTheRegistryServesThePushedDigest() throws IOException {
        Path context = context("FROM scratch\nCOPY hello.txt /hello.txt\n");
        ImageRef image = image(registry.address());

        long started = System.nanoTime();
        StepResult result = build.buildAndPush(context, image, TIMEOUT, Redactor.none());
        long pushed = System.nanoTime();

        assertThat(result).isInstanceOf(Done.class);
        Done done = (Done) result;
        assertThat(done.facts()).containsEntry("image", image.toString());
        assertThat(done.facts().get("digest")).matches("sha256:[0-9a-f]{64}");
        assertThat(done.output()).contains("Step 2/2 : COPY hello.txt /hello.txt", "Successfully tagged " + image,
                "Pushed", "digest: " + done.facts().get("digest"));

        StepResult check = new RegistryClient().check(image, done.facts().get("digest"));
        long verified = System.nanoTime();
        assertThat(check).isInstanceOf(Done.class);
        System.out.printf("build+push of a FROM-scratch image: %d ms, registry check: %d ms%n",
                (pushed - started) / 1_000_000, (verified - pushed) / 1_000_000);

        String other = "sha256:" + "b".repeat(64);
        StepResult wrong = new RegistryClient().check(image, other);
        assertThat(wrong).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).isEqualTo(
                image + " is served with digest " + done.facts().get("digest") + ", not " + other
                        + " (pushed by this criterion)"));
    }

    @Test
    void aWorkspaceRelativeContextIsBuiltAndNamedAsWritten() throws IOException {
        Files.createDirectories(dir.resolve("ffl/backend"));
        Files.writeString(dir.resolve("ffl/backend/Dockerfile"), "FROM scratch\nCOPY app.txt /app.txt\n");
        Files.writeString(dir.resolve("ffl/backend/app.txt"), "app\n");
        ImageRef image = image(registry.address());

        StepResult result = build.buildAndPush(dir, new BuildAction("ffl/backend", image), TIMEOUT, Redactor.none());
        assertThat(result).isInstanceOf(Done.class);

        StepResult missing = build.buildAndPush(dir, new BuildAction("ffl/frontend", image), TIMEOUT,
                Redactor.none());
        assertThat(missing).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("context ffl/frontend does not exist in the workspace");
            assertThat(f.cause()).isEqualTo(FailureCause.NOT_RUNNABLE);
            assertThat(f.retryable()).isFalse();
        });
    }

    @Test
    void aContextWithoutDockerfileIsNotRunnable() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        StepResult result = build.buildAndPush(dir, image(registry.address()), TIMEOUT, Redactor.none());
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).endsWith(" has no Dockerfile");
            assertThat(f.retryable()).isFalse();
        });
    }

    @Test
    void aCopyOfAMissingFileFailsAtItsStepWithTheEnginesError() throws IOException {
        Path context = context("FROM scratch\nCOPY missing.txt /missing.txt\nCOPY hello.txt /hello.txt\n");
        ImageRef image = image(registry.address());

        StepResult result = build.buildAndPush(context, image, TIMEOUT, Redactor.none());
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).startsWith("build of " + image + " failed at step 2/3: COPY missing.txt")
                    .contains("missing.txt: file does not exist");
            assertThat(f.cause()).isEqualTo(FailureCause.RUN_FAILED);
            assertThat(f.retryable()).isFalse();
            assertThat(f.output()).contains("Step 2/3");
        });
    }

    @Test
    void anUnknownInstructionFailsWithTheParseError() throws IOException {
        Path context = context("FROMM scratch\n");
        StepResult result = build.buildAndPush(context, image(registry.address()), TIMEOUT, Redactor.none());
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).contains("failed: dockerfile parse error line 1: unknown instruction: FROMM");
            assertThat(f.retryable()).isFalse();
        });
    }

    @Test
    void aRegistryThatDoesNotAnswerIsWorthAnotherTry() throws IOException {
        Path context = context("FROM scratch\nCOPY hello.txt /hello.txt\n");
        ImageRef image = image("127.0.0.1:" + TestRegistry.freePort());

        StepResult result = build.buildAndPush(context, image, TIMEOUT, Redactor.none());
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).startsWith("registry " + image.registry() + " does not answer: ")
                    .contains("connection refused");
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void aPushTheRegistryRefusesIsNotRetried(@TempDir Path readOnlyDir) throws Exception {
        Path context = context("FROM scratch\nCOPY hello.txt /hello.txt\n");
        try (TestRegistry readOnly = TestRegistry.readOnly(readOnlyDir)) {
            ImageRef image = image(readOnly.address());
            StepResult result = build.buildAndPush(context, image, TIMEOUT, Redactor.none());
            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).startsWith("push of " + image + " refused: ").contains("405");
                assertThat(f.retryable()).isFalse();
            });
        }
    }

    @Test
    void aBuildPastItsTimeoutIsCancelled() throws IOException {
        Path context = context("FROM scratch\nCOPY busybox /busybox\nRUN [\"/busybox\", \"sleep\", \"60\"]\n");
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
        ImageRef image = image(registry.address());

        StepResult result = build.buildAndPush(context, image, Duration.ofSeconds(2), Redactor.none());
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.cause()).isEqualTo(FailureCause.TIMED_OUT);
            assertThat(f.reason()).isEqualTo("build of " + image + " did not finish within 2 s");
            assertThat(f.retryable()).isTrue();
            assertThat(f.durationMillis()).isLessThan(30_000);
        });
    }

    @Test
    void secretsInTheLogAreRedacted() throws IOException {
        Path context = context("FROM scratch\nLABEL note=s3cr3t-value-1234\nCOPY hello.txt /hello.txt\n");
        StepResult result = build.buildAndPush(context, image(registry.address()), TIMEOUT,
                new Redactor(List.of("s3cr3t-value-1234")));
        assertThat(result).isInstanceOf(Done.class);
        assertThat(result.output()).contains("LABEL note=" + Redactor.MASK).doesNotContain("s3cr3t");
    }

    @Test
    void anEngineThatDoesNotAnswerIsNamed() throws IOException {
        Path context = context("FROM scratch\nCOPY hello.txt /hello.txt\n");
        URI nowhere = URI.create("unix://" + dir.resolve("no-engine.sock"));
        try (DockerEngine absent = new DockerEngine(nowhere)) {
            assertThat(absent.unavailable()).hasValueSatisfying(
                    reason -> assertThat(reason).startsWith("no Docker engine answers at " + nowhere + ": "));
            StepResult result = new ImageBuild(absent).buildAndPush(context, image(registry.address()), TIMEOUT,
                    Redactor.none());
            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).startsWith("no Docker engine answers at ");
                assertThat(f.retryable()).isTrue();
            });
        }
    }

    private Path context(String dockerfile) throws IOException {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        Files.writeString(context.resolve("hello.txt"), "hello\n");
        return context;
    }

    private ImageRef image(String registryAddress) {
        ImageRef image = new ImageRef(registryAddress, "app-" + UUID.randomUUID().toString().substring(0, 8), "1");
        built.add(image);
        return image;
    }
}
