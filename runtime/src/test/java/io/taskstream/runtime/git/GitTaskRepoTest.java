package io.taskstream.runtime.git;

import io.taskstream.runtime.git.GitTaskRepo.Edit;
import io.taskstream.runtime.git.GitTaskRepo.Recorded;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GitTaskRepoTest {
    private static final GitTaskRepo.Identity BOT = new GitTaskRepo.Identity("taskstream", "bot@taskstream.test");
    private static final String TASK = "tasks/active/TASK-1.md";

    @TempDir
    Path temp;

    private Git remote;
    private String url;
    private String seed;
    private final List<GitTaskRepo> repos = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        remote = Git.init().setBare(true).setInitialBranch("main").setDirectory(temp.resolve("remote.git").toFile())
                .call();
        url = temp.resolve("remote.git").toUri().toString();
        try (Git seeder = Git.cloneRepository().setURI(url).setDirectory(temp.resolve("seeder").toFile()).call()) {
            Files.createDirectories(temp.resolve("seeder/tasks/active"));
            Files.writeString(temp.resolve("seeder/" + TASK), "# TASK-1\n- [ ] one\n");
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
        return keep(new GitTaskRepo(url, "main", temp.resolve("clones").resolve(name), BOT));
    }

    private GitTaskRepo bareClone(String name) {
        return keep(GitTaskRepo.bare(url, "main", temp.resolve("clones").resolve(name), BOT));
    }

    private GitTaskRepo keep(GitTaskRepo repo) {
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

    private static Recorded recorded(String subject) {
        return new Recorded(subject, null, subject, "run-1", "event-" + subject.replace(' ', '-'));
    }

    private static Edit write(String path, String content, String subject) {
        return files -> {
            files.write(path, content.getBytes(StandardCharsets.UTF_8));
            return recorded(subject);
        };
    }

    private static Edit append(String path, String line, String subject) {
        return files -> {
            String text = new String(files.read(path).orElseThrow(), StandardCharsets.UTF_8);
            files.write(path, (text + line + "\n").getBytes(StandardCharsets.UTF_8));
            return recorded(subject);
        };
    }

    @Test
    void syncClonesAndReturnsTheRemoteHead() throws Exception {
        GitTaskRepo repo = clone("a");

        assertThat(repo.sync()).isEqualTo(seed);
        assertThat(repo.head()).isEqualTo(seed);
        assertThat(Files.readString(repo.workTree().resolve(TASK))).isEqualTo("# TASK-1\n- [ ] one\n");
    }

    @Test
    void syncDiscardsLocalChangesAndPicksUpNewRemoteCommits() throws Exception {
        GitTaskRepo repo = clone("a");
        repo.sync();
        String other = bareClone("b").record(write("tasks/active/TASK-2.md", "# TASK-2\n", "add TASK-2"));
        Files.writeString(repo.workTree().resolve(TASK), "scribbled");
        Files.writeString(repo.workTree().resolve("junk.txt"), "junk");

        assertThat(repo.sync()).isEqualTo(other);

        assertThat(Files.readString(repo.workTree().resolve(TASK))).isEqualTo("# TASK-1\n- [ ] one\n");
        assertThat(repo.workTree().resolve("tasks/active/TASK-2.md")).exists();
        assertThat(repo.workTree().resolve("junk.txt")).doesNotExist();
    }

    @Test
    void aBareCloneHasNoWorkTreeAndReadsFilesFromItsObjects() throws Exception {
        GitTaskRepo repo = bareClone("bare");

        assertThat(repo.sync()).isEqualTo(seed);

        assertThat(temp.resolve("clones/bare/HEAD")).exists();
        assertThat(temp.resolve("clones/bare/tasks")).doesNotExist();
        assertThatThrownBy(repo::workTree).isInstanceOf(IllegalStateException.class);
        assertThat(repo.read(seed, TASK, 1000)).hasValueSatisfying(blob ->
                assertThat(new String(blob.bytes(), StandardCharsets.UTF_8)).isEqualTo("# TASK-1\n- [ ] one\n"));
    }

    @Test
    void everyCloneCreatedOrOpenedIsSavedWithoutAutomaticGarbageCollection() throws Exception {
        clone("working").sync();
        bareClone("bare").sync();
        Git.cloneRepository().setURI(url).setDirectory(temp.resolve("clones/older").toFile()).call().close();
        clone("older").sync();

        for (Path config : List.of(temp.resolve("clones/working/.git/config"), temp.resolve("clones/bare/config"),
                temp.resolve("clones/older/.git/config"))) {
            FileBasedConfig saved = new FileBasedConfig(config.toFile(), FS.DETECTED);
            saved.load();
            assertThat(saved.getString("gc", null, "auto")).as(config.toString()).isEqualTo("0");
            assertThat(saved.getString("gc", null, "autopacklimit")).as(config.toString()).isEqualTo("0");
            assertThat(saved.getString("receive", null, "autogc")).as(config.toString()).isEqualTo("false");
        }
    }

    @Test
    void aCloneThatFetchesManyPacksIsCollectedByItsOwner() throws Exception {
        GitTaskRepo scanner = clone("scanner");
        GitTaskRepo writer = bareClone("writer");
        scanner.sync();
        Path packs = temp.resolve("clones/scanner/.git/objects/pack");
        List<Long> counts = new ArrayList<>();

        for (int n = 0; n <= Housekeeping.PACK_LIMIT + 5; n++) {
            writer.record(write("tasks/active/TASK-1.md", "# TASK-1\n- [ ] one\n" + n + "\n", "change " + n));
            String head = scanner.fetch();
            assertThat(scanner.read(head, TASK, 1000)).isPresent();
            try (var files = Files.list(packs)) {
                counts.add(files.filter(p -> p.toString().endsWith(".pack")).count());
            }
        }

        assertThat(counts).allMatch(count -> count <= Housekeeping.PACK_LIMIT).contains((long) Housekeeping.PACK_LIMIT);
        assertThat(counts.get(counts.size() - 1)).isLessThan(10);
        assertThat(scanner.changes(seed, scanner.head(), "tasks")).hasSize(1);
    }

    @Test
    void recordPublishesOneCommitOnTheRemoteBranch() throws Exception {
        GitTaskRepo repo = bareClone("a");

        String commit = repo.record(write(TASK, "# TASK-1\n- [x] one\n", "check one"));

        assertThat(remoteHead().name()).isEqualTo(commit).isEqualTo(repo.head());
        assertThat(remoteFile(TASK)).isEqualTo("# TASK-1\n- [x] one\n");
        RevCommit pushed = remote.getRepository().parseCommit(remoteHead());
        assertThat(pushed.getFullMessage())
                .isEqualTo("check one\n\nTaskstream-Run: run-1\nTaskstream-Event: event-check-one");
        assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo("bot@taskstream.test");
        assertThat(pushed.getParent(0).name()).isEqualTo(seed);
    }

    @Test
    void aMoveDeletesTheOldPathAndADirectoryLeftEmpty() throws Exception {
        GitTaskRepo repo = bareClone("a");

        repo.record(files -> {
            files.write("tasks/completed/TASK-1.md", files.read(TASK).orElseThrow());
            files.delete(TASK);
            return recorded("archive TASK-1");
        });

        assertThat(remoteFile(TASK)).isNull();
        assertThat(remoteFile("tasks/completed/TASK-1.md")).isEqualTo("# TASK-1\n- [ ] one\n");
        try (TreeWalk active = TreeWalk.forPath(remote.getRepository(), "tasks/active",
                remote.getRepository().parseCommit(remoteHead()).getTree())) {
            assertThat(active).isNull();
        }
    }

    @Test
    void theEditsOfOneGroupComposeIntoOneCommitAndAFailingEditFailsAlone() throws Exception {
        GitTaskRepo repo = bareClone("a");
        repo.sync();

        List<GroupCommit.Outcome> outcomes = repo.commitGroup(List.of(
                append(TASK, "- [ ] two", "add two"),
                files -> {
                    throw new IOException("cannot read TASK-9");
                },
                append(TASK, "- [ ] three", "add three"),
                files -> null));

        String commit = remoteHead().name();
        assertThat(outcomes).extracting(GroupCommit.Outcome::commit).containsExactly(commit, null, commit, commit);
        assertThat(outcomes.get(1).failure()).hasMessageContaining("TASK-9").hasCauseInstanceOf(IOException.class);
        assertThat(remoteFile(TASK)).isEqualTo("# TASK-1\n- [ ] one\n- [ ] two\n- [ ] three\n");
        RevCommit head = remote.getRepository().parseCommit(remoteHead());
        assertThat(head.getParent(0).name()).isEqualTo(seed);
        assertThat(head.getShortMessage()).isEqualTo("Record 2 changes: add three, add two");
        assertThat(head.getFooterLines("Taskstream-Event")).containsExactly("event-add-two", "event-add-three");
    }

    @Test
    void whenAnotherWriterPublishedFirstTheGroupIsBuiltAgainOnTopOfIt() throws Exception {
        GitTaskRepo mine = bareClone("mine");
        GitTaskRepo theirs = bareClone("theirs");
        mine.sync();
        AtomicInteger edits = new AtomicInteger();
        List<String> theirCommit = new ArrayList<>();

        String commit = mine.record(files -> {
            if (edits.incrementAndGet() == 1) {
                theirCommit.add(record(theirs, write("theirs.txt", "theirs\n", "their change")));
            }
            files.write("mine.txt", "mine\n".getBytes(StandardCharsets.UTF_8));
            return recorded("my change");
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
    void aRemoteThatKeepsMovingEndsTheRecordAfterBoundedRebuilds() {
        GitTaskRepo mine = bareClone("mine");
        GitTaskRepo theirs = bareClone("theirs");
        AtomicInteger edits = new AtomicInteger();

        assertThatThrownBy(() -> mine.record(files -> {
            int n = edits.incrementAndGet();
            record(theirs, write("theirs.txt", "theirs " + n + "\n", "their change " + n));
            files.write("mine.txt", "mine\n".getBytes(StandardCharsets.UTF_8));
            return recorded("my change");
        })).isInstanceOf(GitTaskRepo.GitException.class).hasMessageContaining("kept moving").hasMessageContaining(url);

        assertThat(edits).hasValue(GroupCommit.MAX_REJECTIONS);
    }

    @Test
    void aRemoteThatIsGoneEndsInAGitExceptionNamingTheOperationAndTheRemote() throws Exception {
        GitTaskRepo repo = bareClone("a");
        repo.sync();
        FileUtils.delete(temp.resolve("remote.git").toFile(), FileUtils.RECURSIVE);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThatThrownBy(() -> repo.record(write(TASK, "changed\n", "change")))
                    .isInstanceOf(GitTaskRepo.GitException.class)
                    .hasMessageContaining("push to " + url).hasMessageContaining("main")
                    .hasMessageContaining("after " + Retries.TRIES + " tries");
            assertThatThrownBy(repo::fetch).isInstanceOf(GitTaskRepo.GitException.class)
                    .hasMessageContaining("fetch from " + url);
        });
        assertThat(temp.resolve("remote.git")).doesNotExist();
    }

    @Test
    void anEditThatFindsNothingToChangeCommitsNothing() throws Exception {
        GitTaskRepo repo = bareClone("a");

        String result = repo.record(files -> null);

        assertThat(result).isEqualTo(seed);
        assertThat(remoteHead().name()).isEqualTo(seed);
        assertThat(repo.head()).isEqualTo(seed);
    }

    @Test
    void localRemotesAreTheFileUrlsAndPaths() {
        assertThat(LocalRemoteBranch.pathOf(url)).isEqualTo(temp.resolve("remote.git"));
        assertThat(LocalRemoteBranch.pathOf("/srv/tasks.git")).isEqualTo(Path.of("/srv/tasks.git"));
        assertThat(LocalRemoteBranch.pathOf("relative/tasks")).isEqualTo(Path.of("relative/tasks").toAbsolutePath());
        assertThat(LocalRemoteBranch.pathOf("git@example.invalid:team/tasks.git")).isNull();
        assertThat(LocalRemoteBranch.pathOf("https://example.invalid/team/tasks.git")).isNull();
        assertThat(LocalRemoteBranch.pathOf("ssh://git@example.invalid/team/tasks.git")).isNull();
    }

    private static String record(GitTaskRepo repo, Edit edit) throws IOException {
        try {
            return repo.record(edit);
        } catch (GitTaskRepo.GitException e) {
            throw new IOException(e);
        }
    }
}
