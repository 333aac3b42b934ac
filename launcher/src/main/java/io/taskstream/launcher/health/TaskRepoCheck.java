package io.taskstream.launcher.health;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

/**
 * Whether the task repo's remote answers and has the branch: an {@code ls-remote} bounded by {@link #TIMEOUT}, its
 * verdict kept for {@link #CACHE} (a probe every few seconds must not become a fetch every few seconds against a
 * git server). The remote is named without its password.
 */
public final class TaskRepoCheck implements ReadinessCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration CACHE = Duration.ofSeconds(30);

    private final String remote;
    private final String branch;
    private final CachedVerdict verdict;

    public TaskRepoCheck(String remote, String branch, Clock clock) {
        this.remote = remote;
        this.branch = branch;
        this.verdict = new CachedVerdict(clock, CACHE, this::ask);
    }

    @Override
    public Verdict check() {
        return verdict.get();
    }

    private String ask() {
        try {
            Collection<Ref> heads = Git.lsRemoteRepository().setRemote(remote).setHeads(true)
                    .setTimeout((int) TIMEOUT.toSeconds()).call();
            boolean found = heads.stream().anyMatch(r -> r.getName().equals("refs/heads/" + branch));
            return found ? null : "the task repo " + shown(remote) + " has no branch " + branch;
        } catch (GitAPIException | RuntimeException e) {
            Throwable t = e.getCause() != null ? e.getCause() : e;
            return "the task repo " + shown(remote) + " does not answer: "
                    + masked(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), remote);
        }
    }

    /** {@code text} (a git error, which may quote the URL) without the password of {@code remote}. */
    public static String masked(String text, String remote) {
        try {
            String password = new URIish(remote).getPass();
            return password == null || password.isEmpty() || text == null ? text : text.replace(password, "***");
        } catch (URISyntaxException ignored) {
            return text;
        }
    }

    /** The remote as it may be shown: without the password or token of its user part. */
    public static String shown(String remote) {
        try {
            URIish uri = new URIish(remote);
            return uri.getPass() == null ? remote : uri.setPass(null).toString();
        } catch (URISyntaxException e) {
            return "(the configured remote)";
        }
    }

    @Override
    public void close() {
        // nothing held between checks
    }
}
