package io.taskstream.actions.build;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows one streamed engine call (a build or a push): copies its log lines to a {@link LogTail}, and keeps
 * the build step it is at, the error it ended with, and the digest a push reports.
 */
final class EngineStream<T extends ResponseItem> extends ResultCallback.Adapter<T> {
    private static final Pattern STEP = Pattern.compile("^Step (\\d+/\\d+) : (.*)$");
    private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private final LogTail log;
    private volatile String step;
    private volatile String error;
    private volatile Throwable failure;
    private volatile String digest;

    EngineStream(LogTail log) {
        this.log = log;
    }

    @Override
    public void onNext(T item) {
        if (item.getStream() != null) {
            for (String line : item.getStream().split("\n")) {
                Matcher m = STEP.matcher(line.strip());
                if (m.matches()) {
                    step = m.group(1) + ": " + m.group(2);
                }
                log.line(line);
            }
        }
        // Progress bars repeat one line many times a second; only the settled statuses are worth keeping.
        if (item.getStatus() != null && item.getProgress() == null) {
            log.line(item.getId() == null ? item.getStatus() : item.getId() + ": " + item.getStatus());
            Matcher m = DIGEST.matcher(item.getStatus());
            if (m.find() && digest == null) {
                digest = m.group(1);
            }
        }
        if (item.getAux() != null && item.getAux().getDigest() != null) {
            digest = item.getAux().getDigest();
        }
        if (item.isErrorIndicated()) {
            String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            error = message == null ? "unknown error" : message.strip();
            log.line(error);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        super.onError(throwable);
    }

    /** Waits for the call to end; on timeout closes it, which makes the engine cancel it, and answers false. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean ended;
        try {
            ended = awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            ended = true; // the error is already kept by onError
        }
        if (!ended) {
            try {
                close();
            } catch (Exception ignored) {
                // closing a stream the engine may already have dropped
            }
        }
        return ended;
    }

    /** The error the engine reported in the stream, else the one the call failed with. */
    Optional<String> error() {
        if (error != null) {
            return Optional.of(error);
        }
        return Optional.ofNullable(failure).map(DockerErrors::message);
    }

    /** Whether the call failed before the engine answered it (engine gone), not with an engine's error. */
    boolean failedInTransport() {
        return error == null && failure != null && DockerErrors.transport(failure);
    }

    Optional<String> step() {
        return Optional.ofNullable(step);
    }

    Optional<String> digest() {
        return Optional.ofNullable(digest);
    }
}
