package io.taskstream.actions.build;

import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.events.data.FailureCause;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.task.action.BuildAction;
import io.taskstream.task.action.ImageRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The act half of {@code build}: builds the image from a context directory (with a {@code Dockerfile} in it)
 * through the Docker Engine API, tags it and pushes it. Done carries the facts {@code image} and
 * {@code digest} (the pushed manifest's digest) for {@link RegistryClient#check}.
 */
public final class ImageBuild {
    private final DockerEngine engine;

    public ImageBuild(DockerEngine engine) {
        this.engine = engine;
    }

    /** Builds {@code action.context()} of the workspace; failures name the context as the task wrote it. */
    public StepResult buildAndPush(Path workspace, BuildAction action, Duration timeout, Redactor redactor) {
        Path dir = workspace.resolve(action.context()).normalize();
        return run(dir, action.context(), action.image(), timeout, redactor);
    }

    public StepResult buildAndPush(Path contextDir, ImageRef image, Duration timeout, Redactor redactor) {
        return run(contextDir, contextDir.toString(), image, timeout, redactor);
    }

    private StepResult run(Path dir, String context, ImageRef image, Duration timeout, Redactor redactor) {
        if (!Files.isDirectory(dir)) {
            return Failed.notRunnable("context " + context + " does not exist in the workspace");
        }
        Path dockerfile = dir.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile)) {
            return Failed.notRunnable("context " + context + " has no Dockerfile");
        }
        Run run = new Run(image, timeout, redactor);
        Optional<String> down = engine.unavailable();
        if (down.isPresent()) {
            return run.failed(FailureCause.NOT_RUNNABLE, down.get(), true);
        }
        try {
            return build(run, dir, dockerfile).orElseGet(() -> push(run));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.failed(FailureCause.TIMED_OUT, "build of " + image + " was interrupted", true);
        } catch (RuntimeException e) {
            // The client packs the context before sending it: an unreadable file there fails here, not in the engine.
            return run.failed(FailureCause.RUN_FAILED, "build of " + image + " failed: " + DockerErrors.message(e),
                    false);
        }
    }

    private Optional<StepResult> build(Run run, Path dir, Path dockerfile) throws InterruptedException {
        EngineStream<BuildResponseItem> build = engine.client().buildImageCmd()
                .withBaseDirectory(dir.toFile())
                .withDockerfile(dockerfile.toFile())
                .withTags(Set.of(run.image.toString()))
                .withPull(false)
                .withForcerm(true)
                .exec(new EngineStream<>(run.log));
        if (!build.await(run.remaining())) {
            return Optional.of(run.timedOut("build"));
        }
        return build.error().map(error -> {
            if (build.failedInTransport()) {
                return run.failed(FailureCause.RUN_FAILED, "build of " + run.image + " failed: the engine at "
                        + engine.host() + " stopped answering: " + error, true);
            }
            String where = build.step().map(s -> " at step " + s).orElse("");
            return run.failed(FailureCause.RUN_FAILED, "build of " + run.image + " failed" + where + ": " + error,
                    DockerErrors.unreachable(error));
        });
    }

    private StepResult push(Run run) {
        ImageRef image = run.image;
        EngineStream<PushResponseItem> push = engine.client()
                .pushImageCmd(image.registry() + "/" + image.repository())
                .withTag(image.tag())
                .exec(new EngineStream<>(run.log));
        try {
            if (!push.await(run.remaining())) {
                return run.timedOut("push");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.failed(FailureCause.TIMED_OUT, "push of " + image + " was interrupted", true);
        }
        Optional<String> error = push.error();
        if (error.isPresent()) {
            if (push.failedInTransport()) {
                return run.failed(FailureCause.RUN_FAILED, "push of " + image + " failed: the engine at "
                        + engine.host() + " stopped answering: " + error.get(), true);
            }
            if (DockerErrors.unreachable(error.get())) {
                return run.failed(FailureCause.RUN_FAILED,
                        "registry " + image.registry() + " does not answer: " + error.get(), true);
            }
            return run.failed(FailureCause.RUN_FAILED, "push of " + image + " refused: " + error.get(), false);
        }
        return push.digest()
                .<StepResult>map(digest -> new Done(run.elapsedMillis(), run.log.render(run.redactor),
                        Map.of("image", image.toString(), "digest", digest)))
                .orElseGet(() -> run.failed(FailureCause.RUN_FAILED,
                        "push of " + image + " ended without reporting the pushed digest", false));
    }

    /** One build and push: its image, deadline, log and redaction. */
    private static final class Run {
        final ImageRef image;
        final Duration timeout;
        final Redactor redactor;
        final LogTail log = new LogTail();
        final long started = System.nanoTime();

        Run(ImageRef image, Duration timeout, Redactor redactor) {
            this.image = image;
            this.timeout = timeout;
            this.redactor = redactor;
        }

        Duration remaining() {
            return timeout.minusNanos(System.nanoTime() - started);
        }

        long elapsedMillis() {
            return (System.nanoTime() - started) / 1_000_000;
        }

        Failed failed(FailureCause cause, String reason, boolean retryable) {
            return new Failed(cause, -1, redactor.redact(reason), elapsedMillis(), log.render(redactor), retryable);
        }

        Failed timedOut(String what) {
            long ms = timeout.toMillis();
            String within = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
            return failed(FailureCause.TIMED_OUT, what + " of " + image + " did not finish within " + within, true);
        }
    }
}
