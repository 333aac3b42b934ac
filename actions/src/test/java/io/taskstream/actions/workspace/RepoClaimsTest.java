package io.taskstream.actions.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.taskstream.actions.workspace.GitFixture.repo;
import static io.taskstream.actions.workspace.GitFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasks run side by side in one workspace: a criterion is credited only with changes nobody else can have made.
 * The repository a criterion's {@code in} names is its own while it runs; a repository it merely contains (every
 * one, at the workspace root) is credited to it only if nobody else worked there meanwhile.
 */
class RepoClaimsTest {
    @TempDir
    Path tmp;

    private WorkspaceChanges workspace(RepoClaims claims) throws Exception {
        Path ws = tmp.resolve("ws");
        if (!Files.exists(ws)) {
            repo(ws.resolve("api"), "VERSION", "1.0.0\n").close();
            repo(ws.resolve("web"), "index.html", "v1\n").close();
        }
        return new WorkspaceChanges(ws, claims);
    }

    @Test
    void aRootCriterionIsNotCreditedWithWhatACriterionInTheRepositoryChangedMeanwhile() throws Exception {
        WorkspaceChanges changes = workspace(new RepoClaims());
        Path ws = changes.root();

        try (ChangeWatch check = changes.watch(""); ChangeWatch release = changes.watch("api")) {
            write(ws, "api/VERSION", "1.1.0\n");
            write(ws, "web/index.html", "v2\n");

            assertThat(release.changed()).containsExactly("api/VERSION");
            assertThat(check.changed()).as("web was the root criterion's alone; api was not")
                    .containsExactly("web/index.html");
        }
    }

    @Test
    void aRootCriterionStartedWhileTheRepositoryIsHeldIsNotCreditedWithItEither() throws Exception {
        WorkspaceChanges changes = workspace(new RepoClaims());

        ChangeWatch release = changes.watch("api");
        ChangeWatch check = changes.watch("");
        write(changes.root(), "api/VERSION", "1.1.0\n");
        release.close();

        assertThat(check.changed()).isEmpty();
    }

    @Test
    void aRootCriterionAloneIsCreditedWithEveryRepositoryItChanged() throws Exception {
        WorkspaceChanges changes = workspace(new RepoClaims());

        try (ChangeWatch before = changes.watch("api")) {
            before.changed();
        }
        try (ChangeWatch check = changes.watch("")) {
            write(changes.root(), "api/VERSION", "1.1.0\n");
            write(changes.root(), "web/index.html", "v2\n");

            assertThat(check.changed()).containsExactly("api/VERSION", "web/index.html");
        }
    }

    @Test
    void twoCriteriaInOneRepositoryTakeTurns() throws Exception {
        WorkspaceChanges changes = workspace(new RepoClaims());
        ChangeWatch first = changes.watch("api");
        CompletableFuture<List<String>> second = new CompletableFuture<>();
        Thread waiting = new Thread(() -> {
            try (ChangeWatch watch = changes.watch("api")) {
                write(changes.root(), "api/NOTES", "second\n");
                second.complete(watch.changed());
            } catch (Throwable e) {
                second.completeExceptionally(e);
            }
        });
        waiting.start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> waiting.getState() == Thread.State.WAITING);
        assertThat(second).isNotDone();
        write(changes.root(), "api/VERSION", "1.1.0\n");
        assertThat(first.changed()).containsExactly("api/VERSION");

        assertThat(second.get(10, TimeUnit.SECONDS)).containsExactly("api/NOTES");
        waiting.join();
    }

    @Test
    void aRepositoryHeldByAnotherProcessIsContestedAndWaitedFor() throws Exception {
        WorkspaceChanges changes = workspace(new RepoClaims());
        Path lockFile = changes.root().resolve("api/.git").resolve(RepoClaims.LOCK_FILE);
        Process other = holdInAnotherProcess(lockFile);
        try {
            ChangeWatch check = changes.watch("");
            CompletableFuture<ChangeWatch> release = CompletableFuture.supplyAsync(() -> {
                try {
                    return changes.watch("api");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            write(changes.root(), "api/VERSION", "1.1.0\n");
            assertThat(check.changed()).as("the other process holds api").isEmpty();

            other.getOutputStream().close();
            try (ChangeWatch watch = release.get(30, TimeUnit.SECONDS)) {
                assertThat(Files.readString(lockFile).strip())
                        .as("it waited for the other process to let go, then counted itself in").isEqualTo("71");
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    @Timeout(60)
    void aCriterionWaitingForAnotherProcessCanBeStoppedAndLeavesTheRepositoryFree() throws Exception {
        WorkspaceChanges changes = workspace(new RepoClaims());
        Process other = holdInAnotherProcess(changes.root().resolve("api/.git").resolve(RepoClaims.LOCK_FILE));
        try {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiting = new Thread(() -> {
                try (ChangeWatch watch = changes.watch("api")) {
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            waiting.start();
            await().atMost(10, TimeUnit.SECONDS).until(() -> java.util.Arrays.stream(waiting.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("lock0")));
            waiting.interrupt();
            assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);

            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (ChangeWatch next = changes.watch("api")) {
                write(changes.root(), "api/VERSION", "1.1.0\n");
                assertThat(next.changed()).as("the stopped one gave its turn back").containsExactly("api/VERSION");
            }
        } finally {
            other.destroyForcibly();
        }
    }

    /**
     * A second JVM that takes the OS lock on the file, writes 7 to it, says so, and keeps it until its stdin closes;
     * then it writes 70 and lets go.
     */
    private Process holdInAnotherProcess(Path lockFile) throws Exception {
        Path source = tmp.resolve("Hold.java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE); var lock = c.lock()) {
                            c.truncate(0);
                            c.write(java.nio.ByteBuffer.wrap("7\\n".getBytes()), 0);
                            System.out.println("held");
                            System.in.read();
                            c.truncate(0);
                            c.write(java.nio.ByteBuffer.wrap("70\\n".getBytes()), 0);
                        }
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), source.toString(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("held");
        return p;
    }
}
