package io.taskstream.scanner.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

import java.nio.file.Path;

/**
 * A real task repo: a work repo where the test writes task files and commits as a person would, and a bare
 * clone of it as the remote the scanner clones and fetches over file://.
 */
public final class GitRemote implements AutoCloseable {
    private final Git work;
    private final Path bare;

    private GitRemote(Git work, Path bare) {
        this.work = work;
        this.bare = bare;
    }

    /** An empty work repo on branch main under {@code dir/work}; write files, then {@link #publish}. */
    public static GitRemote init(Path dir) throws GitAPIException {
        Git work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch("main").call();
        return new GitRemote(work, dir.resolve("remote.git"));
    }

    public Path workTree() {
        return work.getRepository().getWorkTree().toPath();
    }

    /** The remote's URL, as the scanner is configured with it. */
    public String url() {
        return bare.toUri().toString();
    }

    /** Commits the work tree and clones it bare as the remote; returns the commit. */
    public String publish(String message) throws Exception {
        String sha = commit(message);
        Git.cloneRepository().setURI(workTree().toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                .call().close();
        work.remoteAdd().setName("origin").setUri(new URIish(url())).call();
        return sha;
    }

    /** Commits every change of the work tree (deletions too) and pushes it; returns the commit. */
    public String commitAndPush(String message) throws Exception {
        String sha = commit(message);
        work.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        return sha;
    }

    private String commit(String message) throws GitAPIException {
        work.add().addFilepattern(".").call();
        work.add().setUpdate(true).addFilepattern(".").call();
        return work.commit().setMessage(message).setSign(false)
                .setAuthor("Task Author", "author@example.invalid")
                .setCommitter("Task Author", "author@example.invalid").call().name();
    }

    @Override
    public void close() {
        work.close();
    }
}
