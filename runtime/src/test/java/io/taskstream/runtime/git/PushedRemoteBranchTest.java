package io.taskstream.runtime.git;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.ReceivePack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A remote reached over a transport (git:// on loopback here) is published to with JGit's push. */
class PushedRemoteBranchTest {
    private static final GitTaskRepo.Identity BOT = new GitTaskRepo.Identity("taskstream", "bot@taskstream.test");

    @TempDir
    Path temp;
    private Repository remote;
    private Daemon daemon;
    private String url;
    private GitTaskRepo local;

    @BeforeEach
    void setUp() throws Exception {
        remote = new FileRepository(temp.resolve("remote.git").toFile());
        remote.create(true);
        StoredConfig config = remote.getConfig();
        config.setBoolean("receive", null, "autogc", false);
        config.save();
        local = GitTaskRepo.bare(temp.resolve("remote.git").toUri().toString(), "main", temp.resolve("local"), BOT);
        daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
        daemon.getService("git-receive-pack").setEnabled(true);
        daemon.setRepositoryResolver((client, name) -> {
            remote.incrementOpen();
            return remote;
        });
        daemon.setReceivePackFactory((client, db) -> new ReceivePack(db));
        daemon.start();
        url = "git://127.0.0.1:" + daemon.getAddress().getPort() + "/remote.git";
    }

    @AfterEach
    void tearDown() {
        daemon.stop();
        local.close();
        remote.close();
    }

    private static GitTaskRepo.Edit write(String path, String text) {
        return files -> {
            files.write(path, text.getBytes(StandardCharsets.UTF_8));
            return new GitTaskRepo.Recorded("write " + path, null, path, "run-1", "e-" + path);
        };
    }

    @Test
    void aGroupIsPushedAndBuiltAgainWhenThePushIsRejected() throws Exception {
        String seed = seed();
        AtomicInteger applied = new AtomicInteger();
        String[] theirs = new String[1];

        try (GitTaskRepo overTheWire = GitTaskRepo.bare(url, "main", temp.resolve("wire"), BOT)) {
            assertThat(overTheWire.sync()).isEqualTo(seed);
            String commit = overTheWire.record(files -> {
                if (applied.incrementAndGet() == 1) {
                    theirs[0] = recordThroughTheFileUrl(write("theirs.txt", "theirs\n"));
                }
                return write("mine.txt", "mine\n").apply(files);
            });

            assertThat(applied).hasValue(2);
            assertThat(remote.resolve("refs/heads/main").name()).isEqualTo(commit);
            RevCommit head = remote.parseCommit(remote.resolve("refs/heads/main"));
            assertThat(head.getParent(0).name()).isEqualTo(theirs[0]);
        }
    }

    /** A first commit, with one file, on the remote's main branch. */
    private String seed() throws Exception {
        try (ObjectInserter inserter = remote.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            tree.append("seed.txt", FileMode.REGULAR_FILE,
                    inserter.insert(Constants.OBJ_BLOB, "seed\n".getBytes(StandardCharsets.UTF_8)));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            commit.setAuthor(new PersonIdent("seed", "seed@test"));
            commit.setCommitter(new PersonIdent("seed", "seed@test"));
            commit.setMessage("seed");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = remote.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            assertThat(update.update()).isEqualTo(RefUpdate.Result.NEW);
            return id.name();
        }
    }

    /** Another writer, reaching the same remote directly. */
    private String recordThroughTheFileUrl(GitTaskRepo.Edit edit) throws java.io.IOException {
        try {
            return local.record(edit);
        } catch (GitTaskRepo.GitException e) {
            throw new java.io.IOException(e);
        }
    }
}
