package io.taskstream.launcher.health;

import io.taskstream.testkit.MutableClock;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness of a process whose scanner or verifier needs the task repo: its remote answers and has the branch. */
class TaskRepoCheckTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRemoteWithTheBranchIsReady(@TempDir Path dir) throws Exception {
        String remote = remoteWithBranch(dir, "main");

        assertThat(new TaskRepoCheck(remote, "main", NOW).problem()).isNull();
    }

    @Test
    void aRemoteWithoutTheBranchSaysSo(@TempDir Path dir) throws Exception {
        String remote = remoteWithBranch(dir, "trunk");

        assertThat(new TaskRepoCheck(remote, "main", NOW).problem()).isEqualTo("the task repo " + remote
                + " has no branch main");
    }

    @Test
    void aMissingRemoteDoesNotAnswer(@TempDir Path dir) {
        String remote = dir.resolve("gone.git").toUri().toString();

        assertThat(new TaskRepoCheck(remote, "main", NOW).problem()).startsWith("the task repo " + remote
                + " does not answer: ");
    }

    @Test
    void aPasswordInTheRemoteIsNeverShown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        String remote = "http://deploy:s3cr3t-t0ken@127.0.0.1:" + closed + "/tasks.git";

        String problem = new TaskRepoCheck(remote, "main", NOW).problem();

        assertThat(problem).contains("does not answer", "http://deploy@127.0.0.1:" + closed).doesNotContain("s3cr3t-t0ken");
    }

    @Test
    void theVerdictIsKeptForHalfAMinute(@TempDir Path dir) throws Exception {
        String remote = remoteWithBranch(dir, "main");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
        TaskRepoCheck check = new TaskRepoCheck(remote, "main", clock);
        assertThat(check.problem()).isNull();

        deleteRecursively(Path.of(java.net.URI.create(remote)));
        assertThat(check.problem()).as("cached").isNull();
        clock.advance(TaskRepoCheck.CACHE.plus(Duration.ofSeconds(1)));
        assertThat(check.problem()).contains("does not answer");
    }

    private static String remoteWithBranch(Path dir, String branch) throws Exception {
        Path work = dir.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch(branch).call()) {
            Files.writeString(work.resolve("README.md"), "tasks\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("start").setSign(false).setAuthor("a", "a@example.invalid")
                    .setCommitter("a", "a@example.invalid").call();
        }
        Path bare = dir.resolve("tasks.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        return bare.toUri().toString();
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
