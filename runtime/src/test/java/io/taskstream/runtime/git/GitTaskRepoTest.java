package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class GitTaskRepoTest {
    private static final GitTaskRepo.Identity BOT = new GitTaskRepo.Identity("taskstream", "bot@taskstream.test");

    @TempDir
    Path temp;

    private Git remote;
    private String url;
    private String seed;
    private final List<GitTaskRepo> repos = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        remote = Git.init().setBare(true).setInitialBranch("main").setDirectory(temp.resolve("remote.git").toFile()).call();
        url = temp.resolve("remote.git").toUri().toString();
        try (Git seeder = Git.cloneRepository().setURI(url).setDirectory(temp.resolve("seeder").toFile()).call()) {
            Files.createDirectories(temp.resolve("seeder/tasks/active"));
            Files.writeString(temp.resolve("seeder/tasks/active/TASK-1.md"), "# TASK-1\n- [ ] one\n");
            seeder.add().addFilepattern(".").call();
            seeder.commit().setMessage("seed").setAuthor("seed", "seed@test").setCommitter("seed", "seed@test").call();
            seeder.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
        }
        seed = remoteHead().name();
    }

    @AfterEach
    void tearDown() {
        repos.forEach(GitTaskRepo::close);
        remote.close();
    }

    private GitTaskRepo clone(String name) {
        GitTaskRepo repo = new GitTaskRepo(url, "main", temp.resolve("clones").resolve(name), BOT);
        repos.add(repo);
        return repo;
    }

    private ObjectId remoteHead() throws Exception {
        return remote.getRepository().resolve("refs/heads/main");
    }

    private String remoteFile(String path) throws Exception {
        Repository repo = remote.getRepository();
        RevCommit head = repo.parseCommit(remoteHead());
        try (TreeWalk walk = TreeWalk.forPath(repo, path, head.getTree())) {
            return walk == null ? null
                    : new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static GitTaskRepo.Edit write(String path, String content, String message) {
        return tree -> {
            Files.createDirectories(tree.resolve(path).getParent());
            Files.writeString(tree.resolve(path), content);
            return message;
        };
    }

    @Test
    void syncClonesAndReturnsTheRemoteHead() throws Exception {
        GitTaskRepo repo = clone("a");

        assertThat(repo.sync()).isEqualTo(seed);
        assertThat(repo.head()).isEqualTo(seed);
        assertThat(Files.readString(repo.workTree().resolve("tasks/active/TASK-1.md"))).isEqualTo("# TASK-1\n- [ ] one\n");
    }

    @Test
    void syncDiscardsLocalChangesAndPicksUpNewRemoteCommits() throws Exception {
        GitTaskRepo repo = clone("a");
        repo.sync();
        String other = clone("b").commitAndPush(write("tasks/active/TASK-2.md", "# TASK-2\n", "add TASK-2"));
        Files.writeString(repo.workTree().resolve("tasks/active/TASK-1.md"), "scribbled");
        Files.writeString(repo.workTree().resolve("junk.txt"), "junk");

        assertThat(repo.sync()).isEqualTo(other);

        assertThat(Files.readString(repo.workTree().resolve("tasks/active/TASK-1.md"))).isEqualTo("# TASK-1\n- [ ] one\n");
        assertThat(repo.workTree().resolve("tasks/active/TASK-2.md")).exists();
        assertThat(repo.workTree().resolve("junk.txt")).doesNotExist();
    }

    @Test
    void commitAndPushPublishesTheChange() throws Exception {
        GitTaskRepo repo = clone("a");

        String commit = repo.commitAndPush(write("tasks/active/TASK-1.md", "# TASK-1\n- [x] one\n", "check one"));

        assertThat(commit).isNotEqualTo(seed);
        assertThat(remoteHead().name()).isEqualTo(commit);
        assertThat(remoteFile("tasks/active/TASK-1.md")).isEqualTo("# TASK-1\n- [x] one\n");
        RevCommit pushed = remote.getRepository().parseCommit(remoteHead());
        assertThat(pushed.getFullMessage()).isEqualTo("check one");
        assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo("bot@taskstream.test");
        assertThat(pushed.getParent(0).name()).isEqualTo(seed);
    }

    @Test
    void commitAndPushRecordsDeletions() throws Exception {
        GitTaskRepo repo = clone("a");

        repo.commitAndPush(tree -> {
            Files.createDirectories(tree.resolve("tasks/completed"));
            Files.move(tree.resolve("tasks/active/TASK-1.md"), tree.resolve("tasks/completed/TASK-1.md"));
            return "archive TASK-1";
        });

        assertThat(remoteFile("tasks/active/TASK-1.md")).isNull();
        assertThat(remoteFile("tasks/completed/TASK-1.md")).isEqualTo("# TASK-1\n- [ ] one\n");
    }

    @Test
    void whenAnotherClonePushedFirstTheEditIsRebuiltOnTopOfIt() throws Exception {
        GitTaskRepo mine = clone("mine");
        GitTaskRepo theirs = clone("theirs");
        mine.sync();
        AtomicInteger edits = new AtomicInteger();
        List<String> theirCommit = new ArrayList<>();

        String commit = mine.commitAndPush(tree -> {
            if (edits.incrementAndGet() == 1) {
                // between our sync and our push, somebody else pushes
                try {
                    theirCommit.add(theirs.commitAndPush(write("theirs.txt", "theirs\n", "their change")));
                } catch (GitTaskRepo.GitException e) {
                    throw new java.io.IOException(e);
                }
            }
            Files.writeString(tree.resolve("mine.txt"), "mine\n");
            return "my change";
        });

        assertThat(edits).hasValue(2);
        assertThat(remoteHead().name()).isEqualTo(commit);
        assertThat(remoteFile("theirs.txt")).isEqualTo("theirs\n");
        assertThat(remoteFile("mine.txt")).isEqualTo("mine\n");
        RevCommit head = remote.getRepository().parseCommit(remoteHead());
        assertThat(head.getParentCount()).isEqualTo(1);
        assertThat(head.getParent(0).name()).isEqualTo(theirCommit.get(0));
    }

    @Test
    void anEditThatFindsNothingToChangeCommitsNothing() throws Exception {
        GitTaskRepo repo = clone("a");

        String result = repo.commitAndPush(tree -> null);

        assertThat(result).isEqualTo(seed);
        assertThat(remoteHead().name()).isEqualTo(seed);
        assertThat(repo.head()).isEqualTo(seed);
    }
}
