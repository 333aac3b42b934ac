package io.taskstream.actions.gitops;

import io.taskstream.actions.StepResult;
import io.taskstream.events.data.FailureCause;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.git.GitTaskRepo.GitException;
import io.taskstream.task.action.SetImageAction;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The GitOps repo that {@code set-image} criteria change: {@link #setImage} edits one scalar of a manifest on
 * the remote branch's newest commit, checks the manifest and the kustomize overlay, then commits and pushes;
 * {@link #check} reads the remote afresh to confirm the change is there. Nothing is applied to a cluster:
 * whatever follows the repo does that. In branch mode each change goes to its own branch
 * {@code taskstream/<task>-<criterion>}, made from the base branch's newest commit, and the base branch is left
 * alone. Thread-safe.
 *
 * <p>Below {@link GitOpsConfig#cloneDir}: {@code base} (the clone that records on the base branch),
 * {@code branches} (the one for task branches), {@code view} (fresh reads for checks and branch resets) and
 * {@code scratch} (overlays written out for kustomize).
 */
public final class GitOpsRepo implements AutoCloseable {
    public static final String REPO = "gitops.repo";
    public static final String BRANCH = "gitops.branch";
    public static final String COMMIT = "gitops.commit";
    public static final String FILE = "gitops.file";
    public static final String PATH = "gitops.path";
    public static final String VALUE = "gitops.value";
    /** {@code Kind/namespace/name} of the object edited, when the file holds one object. */
    public static final String OBJECT = "gitops.object";

    private final GitOpsConfig config;
    private final GitTaskRepo base;
    private final RemoteView view;
    private final ManifestCheck check;
    private final Object branchLock = new Object();

    public GitOpsRepo(GitOpsConfig config) {
        this.config = config;
        this.base = GitTaskRepo.bare(config.remote(), config.branch(), config.cloneDir().resolve("base"),
                config.identity());
        this.view = new RemoteView(config.remote(), config.cloneDir().resolve("view"));
        this.check = new ManifestCheck(config.kubectl(), config.kustomize(), config.cloneDir().resolve("scratch"));
    }

    /** The branch a change goes to in branch mode. */
    public static String taskBranch(String taskId, int criterion) {
        return "taskstream/" + taskId + "-" + criterion;
    }

    /**
     * Sets {@code a.path()} in {@code a.file()} to {@code value} (the action's value, with a pinned digest
     * already appended) and publishes the commit. Already at the value: done, and nothing is committed.
     */
    public StepResult setImage(SetImageAction a, String value, String taskId, int criterion, String criterionText) {
        long start = System.nanoTime();
        String label = taskId + " #" + criterion;
        AtomicReference<YamlScalarEdit.Result> seen = new AtomicReference<>();
        GitTaskRepo.Edit edit = files -> {
            String text = new String(files.read(a.file()).orElseThrow(
                    () -> new YamlEditException("there is no file " + a.file())), StandardCharsets.UTF_8);
            YamlScalarEdit.Result result = YamlScalarEdit.set(text, a.path(), value);
            seen.set(result);
            if (!result.changed(value)) {
                return null;
            }
            check.manifest(a.file(), result.text());
            files.write(a.file(), result.text().getBytes(StandardCharsets.UTF_8));
            check.kustomize(files::read, config.overlay());
            return new GitTaskRepo.Recorded(label + ": set " + a.path() + " to " + value + " in " + a.file(),
                    "Criterion " + criterion + ": " + criterionText + "\n\nIt was " + result.oldValue()
                            + " (line " + result.line() + ").", label, taskId, taskId + "#" + criterion);
        };
        String branch = config.branchMode() ? taskBranch(taskId, criterion) : config.branch();
        String commit;
        try {
            commit = config.branchMode() ? recordOnTaskBranch(branch, edit) : recordOnBase(edit);
        } catch (GitException | IOException e) {
            return failed(e, a.file(), millis(start));
        }
        YamlScalarEdit.Result result = seen.get();
        String output = result.changed(value)
                ? "set " + a.path() + " in " + a.file() + " from " + result.oldValue() + " to " + value + " (line "
                + result.line() + "): commit " + commit + " pushed to " + branch + " of " + config.remote()
                : a.path() + " in " + a.file() + " is already " + value + " at commit " + commit + " of " + branch
                + ": nothing to commit";
        Map<String, String> facts = new java.util.HashMap<>(Map.of(REPO, config.remote(), BRANCH, branch,
                COMMIT, commit, FILE, a.file(), PATH, a.path(), VALUE, value));
        ManifestCheck.object(result.text()).ifPresent(o -> facts.put(OBJECT, o));
        return new StepResult.Done(millis(start), output, facts);
    }

    private String recordOnBase(GitTaskRepo.Edit edit) throws GitException {
        base.fetch(); // the edit must see the remote's newest commit, not what this clone saw last
        return base.record(edit);
    }

    private String recordOnTaskBranch(String branch, GitTaskRepo.Edit edit) throws GitException, IOException {
        synchronized (branchLock) {
            ObjectId newest = view.fetch(config.branch());
            if (newest == null) {
                throw new IOException("the remote " + config.remote() + " has no branch " + config.branch());
            }
            view.forcePush(newest, branch);
            try (GitTaskRepo repo = GitTaskRepo.bare(config.remote(), branch, config.cloneDir().resolve("branches"),
                    config.identity())) {
                repo.fetch();
                return repo.record(edit);
            }
        }
    }

    private static StepResult failed(Exception e, String file, long millis) {
        Throwable cause = e instanceof GitException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof YamlEditException) {
            return new StepResult.Failed(FailureCause.RUN_FAILED, -1, file + ": " + cause.getMessage(), millis, "",
                    false);
        }
        if (cause instanceof ManifestCheck.Invalid) {
            return new StepResult.Failed(FailureCause.SAFETY_CHECK, -1, "refused before committing: "
                    + cause.getMessage(), millis, "", false);
        }
        return new StepResult.Failed(FailureCause.RUN_FAILED, -1, e.getMessage(), millis, "", true);
    }

    /**
     * Confirms what {@link #setImage} reported, from a fresh fetch of the remote: the commit is on the branch
     * (its head or an ancestor) and the file at the branch's head has the value at the path.
     */
    public StepResult check(Map<String, String> facts) {
        long start = System.nanoTime();
        for (String key : new String[] {REPO, BRANCH, COMMIT, FILE, PATH, VALUE}) {
            if (facts.get(key) == null) {
                return StepResult.Failed.notRunnable("the set-image step reported no " + key);
            }
        }
        if (!facts.get(REPO).equals(config.remote())) {
            return StepResult.Failed.notRunnable("the set-image step pushed to " + facts.get(REPO)
                    + ", not to this GitOps repo " + config.remote());
        }
        return new RemoteCheck(view, config.remote(), facts.get(BRANCH), facts.get(FILE), facts.get(PATH),
                facts.get(VALUE)).run(facts.get(COMMIT), start);
    }

    static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        base.close();
        view.close();
    }
}
