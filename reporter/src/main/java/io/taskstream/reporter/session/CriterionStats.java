package io.taskstream.reporter.session;

import io.taskstream.events.data.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the event log says about the attempts at one criterion, beyond its phase (which {@code TaskRun} keeps):
 * how often it ran, how long, with which commands, what it printed and why it failed.
 * Only events the task's {@code TaskRun} accepted are counted, so stale attempts do not inflate the numbers.
 */
public final class CriterionStats {
    private final int criterion;
    private int attempts;
    private int retries;
    private int verificationFailures;
    private long commandMillis;
    private long verificationMillis;
    private List<String> commands = List.of();
    private String output;
    private String verificationOutput;
    private String lastReason;
    private String lastVerificationFailure;
    private String verifiedCommit;
    private List<String> checks = List.of();
    private List<RepoCommit> repoCommits = List.of();
    private List<String> leftChanged = List.of();
    private final List<AttemptSpan> spans = new ArrayList<>();
    private String workingDir = "";
    private FailureCause lastCause;
    private int lastExitCode = -1;
    private String checkOutput;
    private boolean lastRanOk;
    private SkipReason skipReason;
    private Instant skippedAt;

    CriterionStats(int criterion) {
        this.criterion = criterion;
    }

    void apply(EventData d, Instant time) {
        if (d instanceof CriterionStarted s) {
            attempts++;
            commands = s.commands();
            workingDir = s.workingDir() == null ? "" : s.workingDir();
            lastRanOk = false;
            spans.add(new AttemptSpan(s.attempt(), time, null, null, AttemptSpan.Outcome.RUNNING, null));
        } else if (d instanceof CriterionCompleted c) {
            commandMillis += c.durationMillis();
            output = c.outputTail();
            lastRanOk = true;
            updateLast(a -> a.withRan(time, AttemptSpan.Outcome.RAN));
        } else if (d instanceof CriterionFailed f) {
            // A failure decided after a failed verification repeats the verification's outcome; its time was
            // already counted when the commands ran.
            if (f.cause() != FailureCause.VERIFICATION_FAILED) {
                commandMillis += f.durationMillis();
                output = f.outputTail();
                lastRanOk = false;
                lastExitCode = f.exitCode();
                updateLast(a -> a.withRan(time, AttemptSpan.Outcome.FAILED));
            }
            lastCause = f.cause();
            lastReason = f.reason();
            leftChanged = f.changedFiles().isEmpty() ? leftChanged : f.changedFiles();
            if (f.retryAt() != null) {
                updateLast(a -> a.withRetryAt(f.retryAt()));
            }
        } else if (d instanceof CriterionRetry) {
            retries++;
        } else if (d instanceof CriterionSkipped s) {
            lastReason = s.detail();
            skipReason = s.reason();
            skippedAt = time;
        } else if (d instanceof CriterionVerified v) {
            updateLast(a -> a.withChecked(time, AttemptSpan.Outcome.VERIFIED));
            verificationMillis += v.durationMillis();
            verifiedCommit = v.commit();
            verificationOutput = v.outputTail();
            checks = v.checks();
            repoCommits = v.commits();
            leftChanged = List.of();
        } else if (d instanceof VerificationFailed v) {
            verificationFailures++;
            lastReason = v.reason();
            lastVerificationFailure = v.reason();
            checkOutput = v.outputTail();
            lastExitCode = v.exitCode();
            updateLast(a -> a.withChecked(time, v.unverifiable() ? AttemptSpan.Outcome.RAN
                    : AttemptSpan.Outcome.CHECK_FAILED));
        }
    }

    private void updateLast(java.util.function.UnaryOperator<AttemptSpan> change) {
        if (!spans.isEmpty()) {
            spans.set(spans.size() - 1, change.apply(spans.get(spans.size() - 1)));
        }
    }

    /** Every attempt in time, in order. */
    public List<AttemptSpan> spans() {
        return List.copyOf(spans);
    }

    /** The directory its last attempt ran in, relative to the workspace; empty for the root. */
    public String workingDir() {
        return workingDir;
    }

    /** Why its last attempt failed; null when none failed. */
    public FailureCause lastCause() {
        return lastCause;
    }

    /** The exit code of the last failing step or check; -1 when none. */
    public int lastExitCode() {
        return lastExitCode;
    }

    /** The tail of the output of the verifier's last failed check; null when no check failed. */
    public String checkOutput() {
        return checkOutput;
    }

    /** Its last attempt's commands all succeeded (whatever the check said after). */
    public boolean lastRanOk() {
        return lastRanOk;
    }

    /** Why the executor did not run it; null when it was not skipped. */
    public SkipReason skipReason() {
        return skipReason;
    }

    /** When it was skipped; null when it was not. */
    public Instant skippedAt() {
        return skippedAt;
    }

    public int criterion() {
        return criterion;
    }

    /** Attempts that started. */
    public int attempts() {
        return attempts;
    }

    /** Retries that came due. */
    public int retries() {
        return retries;
    }

    public int verificationFailures() {
        return verificationFailures;
    }

    /** Time the criterion's own commands ran, over all attempts. */
    public long commandMillis() {
        return commandMillis;
    }

    /** Time the verifier's checks ran. */
    public long verificationMillis() {
        return verificationMillis;
    }

    /** The commands of the last attempt (secrets redacted by the executor). */
    public List<String> commands() {
        return commands;
    }

    /** The tail of the last attempt's output; {@code null} when none ran. */
    public String output() {
        return output;
    }

    /** The tail of the verifier's check output; {@code null} when not verified. */
    public String verificationOutput() {
        return verificationOutput;
    }

    /** The last failure, verification or skip reason; {@code null} when there was none. */
    public String lastReason() {
        return lastReason;
    }

    /** Why the verifier's last failed check failed; {@code null} when no check failed. */
    public String lastVerificationFailure() {
        return lastVerificationFailure;
    }

    /** The commit that recorded the verification; {@code null} when not verified. */
    public String verifiedCommit() {
        return verifiedCommit;
    }

    /** The checks that proved it, when verified. */
    public List<String> checks() {
        return checks;
    }

    /** Commits it made outside the task repo (GitOps, workspace repositories), when verified. */
    public List<RepoCommit> repoCommits() {
        return repoCommits;
    }

    /** Workspace files its last failed attempt left changed (nothing of them committed). */
    public List<String> leftChanged() {
        return leftChanged;
    }
}
