package io.taskstream.actions.workspace;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real repositories on disk for the workspace tests. */
final class GitFixture {
    static final PersonIdent BOT = new PersonIdent("taskstream", "bot@taskstream.test");

    private GitFixture() {
    }

    /** A repository on {@code main} with one commit holding the given files ({@code path, content, ...}). */
    static Git repo(Path dir, String... files) throws Exception {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        for (int i = 0; i < files.length; i += 2) {
            write(dir, files[i], files[i + 1]);
        }
        git.add().addFilepattern(".").call();
        git.commit().setMessage("seed").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
        return git;
    }

    /** A bare repository seeded from {@code from}, set as its {@code origin} with {@code main} tracking it. */
    static Path remoteFor(Git from, Path bareDir) throws Exception {
        Git.init().setBare(true).setDirectory(bareDir.toFile()).setInitialBranch("main").call().close();
        var config = from.getRepository().getConfig();
        config.setString("remote", "origin", "url", bareDir.toUri().toString());
        config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
        config.setString("branch", "main", "remote", "origin");
        config.setString("branch", "main", "merge", "refs/heads/main");
        config.save();
        from.push().setRemote("origin").call();
        return bareDir;
    }

    static void write(Path dir, String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String branchTip(Path repoDir, String branch) throws IOException {
        try (Git git = Git.open(repoDir.toFile())) {
            ObjectId id = git.getRepository().resolve("refs/heads/" + branch);
            return id == null ? null : id.name();
        }
    }

    /** The paths a commit changed against its first parent. */
    static List<String> changedIn(Path repoDir, String commit) throws Exception {
        try (Git git = Git.open(repoDir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            List<String> paths = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(git.getRepository())) {
                tw.setRecursive(true);
                tw.addTree(walk.parseCommit(c.getParent(0)).getTree());
                tw.addTree(c.getTree());
                tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
                while (tw.next()) {
                    paths.add(tw.getPathString());
                }
            }
            return paths;
        }
    }

    static String message(Path repoDir, String commit) throws Exception {
        try (Git git = Git.open(repoDir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(ObjectId.fromString(commit)).getFullMessage();
        }
    }
}
