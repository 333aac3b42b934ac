package io.taskstream.verifier;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare task repo on a temp dir, reached by a {@code file://} URL, plus a person's clone of it that pushes
 * changes the way a user would. Assertions read a fresh clone of the remote, never the pipeline's clone.
 */
public final class TaskRepoFixture implements AutoCloseable {
    private static final PersonIdent PERSON = new PersonIdent("A Person", "person@example.invalid");
    private final Path root;
    private final Path bare;
    private final Git person;
    private final AtomicInteger clones = new AtomicInteger();

    public TaskRepoFixture(Path root) throws GitAPIException, IOException, URISyntaxException {
        this.root = root;
        this.bare = root.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path work = root.resolve("person");
        person = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
        person.remoteAdd().setName("origin").setUri(new URIish(url())).call();
        pushFile("README.md", "task repo\n", "initial commit");
    }

    /** The remote as the services see it. */
    public String url() {
        return bare.toUri().toString();
    }

    /** Writes a file on top of the remote's newest commit and pushes it, as a person would; returns the commit. */
    public String pushFile(String path, String text, String message) throws GitAPIException, IOException {
        Path file = sync().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return commitAndPush(message);
    }

    /** Deletes a file on top of the remote's newest commit and pushes; returns the commit. */
    public String pushDelete(String path, String message) throws GitAPIException, IOException {
        Files.delete(sync().resolve(path));
        return commitAndPush(message);
    }

    private Path sync() throws GitAPIException, IOException {
        person.fetch().setRemote("origin").call();
        if (person.getRepository().resolve("refs/remotes/origin/main") != null) {
            person.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
        }
        return person.getRepository().getWorkTree().toPath();
    }

    private String commitAndPush(String message) throws GitAPIException {
        person.add().addFilepattern(".").call();
        person.add().setUpdate(true).addFilepattern(".").call();
        RevCommit commit = person.commit().setMessage(message).setAuthor(PERSON).setCommitter(PERSON).call();
        for (PushResult result : person.push().setRemote("origin")
                .setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK) {
                    throw new IllegalStateException("the person's push was refused: " + update.getStatus());
                }
            }
        }
        return commit.name();
    }

    /** A fresh clone of the remote's main branch; close it after use. */
    public Git freshClone() throws GitAPIException {
        Path dir = root.resolve("check-" + clones.incrementAndGet());
        return Git.cloneRepository().setURI(url()).setBranch("main").setDirectory(dir.toFile()).call();
    }

    /** A file as the remote's main branch has it, or null when it is not there. */
    public String remoteFile(String path) throws GitAPIException, IOException {
        try (Git clone = freshClone()) {
            Path file = clone.getRepository().getWorkTree().toPath().resolve(path);
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        }
    }

    /** The remote's commits on main, newest first. */
    public List<RevCommit> remoteLog() throws GitAPIException, IOException {
        try (Git clone = freshClone()) {
            List<RevCommit> log = new ArrayList<>();
            clone.log().call().forEach(log::add);
            return log;
        }
    }

    public String remoteHead() throws IOException {
        try (Git git = Git.open(bare.toFile())) {
            return git.getRepository().resolve("refs/heads/main").name();
        }
    }

    @Override
    public void close() {
        person.close();
    }
}
