package io.taskstream.actions.gitops;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A bare repository on a temp dir, reached by a file: URL, with a seed commit on main made by "someone else". */
final class GitRemote implements AutoCloseable {
    final Path bare;
    final String url;
    private final Git bareGit;
    private final Git work;

    GitRemote(Path dir, Map<String, String> files) throws Exception {
        bare = dir.resolve("remote.git");
        bareGit = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call();
        url = bare.toUri().toString();
        work = Git.init().setInitialBranch("main").setDirectory(dir.resolve("someone").toFile()).call();
        work.remoteAdd().setName("origin").setUri(new URIish(url)).call();
        commit(files, "Seed the GitOps repo");
    }

    /** Someone else commits these files on top of the remote's main and pushes. */
    ObjectId commit(Map<String, String> files, String message) throws Exception {
        if (head("main") != null) {
            work.fetch().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/main:refs/remotes/origin/main")).call();
            work.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = work.getRepository().getWorkTree().toPath().resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        work.add().addFilepattern(".").call();
        RevCommit c = work.commit().setMessage(message).setAuthor("Someone", "someone@example.com")
                .setCommitter("Someone", "someone@example.com").setSign(false).call();
        work.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
        return c.getId();
    }

    ObjectId head(String branch) throws Exception {
        return bareGit.getRepository().resolve(Constants.R_HEADS + branch);
    }

    RevCommit commit(ObjectId id) throws Exception {
        try (RevWalk walk = new RevWalk(bareGit.getRepository())) {
            RevCommit c = walk.parseCommit(id);
            walk.parseBody(c.getParent(0));
            return c;
        }
    }

    String read(ObjectId commit, String path) throws Exception {
        Repository r = bareGit.getRepository();
        try (RevWalk walk = new RevWalk(r); TreeWalk tw = TreeWalk.forPath(r, path, walk.parseCommit(commit).getTree())) {
            return tw == null ? null : new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The paths that differ between a commit and its parent. */
    List<String> changed(ObjectId commit) throws Exception {
        RevCommit c = commit(commit);
        try (TreeWalk tw = new TreeWalk(bareGit.getRepository())) {
            tw.addTree(c.getParent(0).getTree());
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            List<String> paths = new ArrayList<>();
            while (tw.next()) {
                paths.add(tw.getPathString());
            }
            return paths;
        }
    }

    @Override
    public void close() {
        bareGit.close();
        work.close();
    }
}
