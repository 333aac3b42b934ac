package io.taskstream.verifier.record;

import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.process.CommandResult;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.task.TaskFile;
import io.taskstream.task.parse.TaskFileParser;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.taskstream.verifier.record.TaskFiles.criterion;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of records from many threads, while a second clone keeps fetching (as the scanner does) and a
 * person's git keeps pushing unrelated commits to the same remote: every repository stays intact, every
 * criterion is recorded exactly once, nothing anybody pushed is lost, and records share commits.
 */
class RecordingUnderLoadTest {
    private static final int TASKS = 200;
    private static final int CRITERIA = 10;
    private static final int THREADS = 16;
    private static final Map<String, String> PERSON = Map.of("GIT_AUTHOR_NAME", "A Person",
            "GIT_AUTHOR_EMAIL", "person@example.invalid", "GIT_COMMITTER_NAME", "A Person",
            "GIT_COMMITTER_EMAIL", "person@example.invalid");

    @TempDir
    Path tmp;
    private final CommandRunner shell = CommandRunner.defaults();

    private record Work(int task, int criterion) {
    }

    @Test
    void recordsFromManyThreadsBesideAFetcherAndAnotherWriterLeaveEveryRepositoryIntact() throws Exception {
        String url = createRemote();
        git(tmp, "git clone -q " + url + " person");
        AtomicBoolean recording = new AtomicBoolean(true);
        AtomicInteger fetches = new AtomicInteger();
        AtomicInteger theirPushes = new AtomicInteger();
        CountDownLatch theirFirstPush = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 2);
        GitTaskRepo.Identity bot = RecorderFixture.VERIFIER;
        try (GitTaskRepo verifierClone = GitTaskRepo.bare(url, "main", tmp.resolve("verifier"), bot);
             GitTaskRepo scannerClone = new GitTaskRepo(url, "main", tmp.resolve("scanner"), bot)) {
            verifierClone.sync();
            TaskRecorder recorder = new TaskRecorder(verifierClone, Clock.systemUTC());
            Future<?> fetcher = threads.submit(() -> keepFetching(scannerClone, recording, fetches));
            Future<?> person = threads.submit(() -> keepPushing(recording, theirPushes, theirFirstPush));
            List<Future<?>> recorders = new ArrayList<>();
            List<List<Work>> shares = shares();
            for (List<Work> share : shares) {
                recorders.add(threads.submit(() -> {
                    for (int i = 0; i < share.size(); i++) {
                        Work w = share.get(i);
                        if (i == share.size() / 2) {
                            // A push that loses every race against the records would prove nothing: halfway,
                            // the records wait until one of the other writer's commits is in.
                            assertThat(theirFirstPush.await(1, TimeUnit.MINUTES)).isTrue();
                        }
                        TaskSnapshot task = TaskFiles.snapshot(w.task());
                        recorder.recordVerified("run-" + w.task() % 3, "e-" + w.task() + "-" + w.criterion(), task,
                                w.criterion(), criterion(w.criterion()), 1);
                    }
                    return null;
                }));
            }
            for (Future<?> f : recorders) {
                f.get();
            }
            recording.set(false);
            fetcher.get();
            person.get();
        } finally {
            threads.shutdownNow();
        }

        for (String repo : List.of("remote.git", "verifier", "scanner", "person")) {
            CommandResult fsck = shell.run("git fsck --full --strict", tmp.resolve(repo), Map.of(),
                    Duration.ofMinutes(2), Redactor.none());
            assertThat(fsck.exitCode()).as(repo + ": " + fsck.output()).isZero();
            assertThat(fsck.output().toLowerCase()).as(repo).doesNotContain("error", "missing", "invalid");
        }
        assertThat(fetches).hasPositiveValue();
        assertThat(theirPushes).hasPositiveValue();
        assertRecordedOnceEach(theirPushes.get());
    }

    /** Every criterion's box and log line once, every event in exactly one commit, fewer commits than records. */
    private void assertRecordedOnceEach(int theirPushes) throws Exception {
        try (Git remote = Git.open(tmp.resolve("remote.git").toFile())) {
            ObjectId head = remote.getRepository().resolve("refs/heads/main");
            RevCommit tip = remote.getRepository().parseCommit(head);
            TaskFileParser parser = new TaskFileParser();
            for (int n = 1; n <= TASKS; n++) {
                try (TreeWalk walk = TreeWalk.forPath(remote.getRepository(), TaskFiles.path(n), tip.getTree())) {
                    byte[] bytes = remote.getRepository().open(walk.getObjectId(0)).getBytes();
                    TaskFile file = parser.parse(TaskFiles.path(n), bytes);
                    assertThat(file.criteria()).as(TaskFiles.id(n)).allMatch(c -> c.checked());
                    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    for (int c = 1; c <= CRITERIA; c++) {
                        assertThat(text).as(TaskFiles.id(n)).containsOnlyOnce(": Verified criterion " + c + ": ");
                    }
                }
            }
            int pipelineCommits = 0;
            List<String> events = new ArrayList<>();
            int personFiles = 0;
            for (RevCommit commit : remote.log().add(head).call()) {
                if (commit.getFullMessage().contains("\n" + GitTaskRepo.RUN_TRAILER)) {
                    pipelineCommits++;
                    events.addAll(commit.getFooterLines("Taskstream-Event"));
                } else if (commit.getShortMessage().startsWith("unrelated ")) {
                    personFiles++;
                }
            }
            assertThat(events).hasSize(TASKS * CRITERIA).doesNotHaveDuplicates();
            assertThat(pipelineCommits).isLessThan(TASKS * CRITERIA);
            assertThat(personFiles).isEqualTo(theirPushes);
        }
    }

    /** The records shuffled and dealt out: criteria of one task arrive from several threads at once. */
    private static List<List<Work>> shares() {
        List<Work> all = new ArrayList<>();
        for (int n = 1; n <= TASKS; n++) {
            for (int c = 1; c <= CRITERIA; c++) {
                all.add(new Work(n, c));
            }
        }
        Collections.shuffle(all, new Random(42));
        List<List<Work>> shares = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            shares.get(i % THREADS).add(all.get(i));
        }
        return shares;
    }

    private String createRemote() throws Exception {
        Path seed = tmp.resolve("seed");
        for (int n = 1; n <= TASKS; n++) {
            Path file = seed.resolve(TaskFiles.path(n));
            Files.createDirectories(file.getParent());
            Files.writeString(file, TaskFiles.text(n, CRITERIA));
        }
        git(seed, "git init -q -b main && git add -A && git commit -qm 'the tasks'");
        git(tmp, "git clone -q --bare seed remote.git");
        return tmp.resolve("remote.git").toUri().toString();
    }

    private Void keepFetching(GitTaskRepo clone, AtomicBoolean recording, AtomicInteger fetches) throws Exception {
        String seen = clone.sync();
        while (recording.get()) {
            String head = clone.fetch();
            fetches.incrementAndGet();
            if (!head.equals(seen)) {
                clone.changes(seen, head, "tasks");
                clone.read(head, TaskFiles.path(1), TaskFileParser.MAX_BYTES);
                seen = head;
            }
        }
        return null;
    }

    /** Unrelated commits pushed with git itself; a push that lost the race is made again on the new head. */
    private Void keepPushing(AtomicBoolean recording, AtomicInteger pushes, CountDownLatch first)
            throws Exception {
        for (int n = 1; recording.get(); n++) {
            CommandResult push = shell.run("git fetch -q origin main && git reset -q --hard FETCH_HEAD"
                    + " && mkdir -p other && echo " + n + " > other/" + n + ".txt && git add other"
                    + " && git commit -qm 'unrelated " + n + "' && git push -q origin HEAD:main",
                    tmp.resolve("person"), PERSON, Duration.ofMinutes(1), Redactor.none());
            if (push.exitCode() == 0) {
                pushes.incrementAndGet();
                first.countDown();
            }
        }
        return null;
    }

    private void git(Path dir, String command) throws Exception {
        Files.createDirectories(dir);
        CommandResult result = shell.run(command, dir, PERSON, Duration.ofMinutes(1), Redactor.none());
        assertThat(result.exitCode()).as(command + ": " + result.output()).isZero();
    }
}
