package io.taskstream.verifier.record;

import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.verifier.TaskRepoFixture;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A task repo remote, the verifier's bare clone of it and a recorder on that clone, at a fixed time. */
final class RecorderFixture implements AutoCloseable {
    static final GitTaskRepo.Identity VERIFIER =
            new GitTaskRepo.Identity("Taskstream Verifier", "verifier@taskstream.invalid");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-17T14:30:00Z"), ZoneOffset.UTC);

    final TaskRepoFixture remote;
    final GitTaskRepo repo;
    final TaskRecorder recorder;

    RecorderFixture(Path tmp) throws Exception {
        remote = new TaskRepoFixture(tmp.resolve("repo"));
        repo = GitTaskRepo.bare(remote.url(), "main", tmp.resolve("clone"), VERIFIER);
        recorder = new TaskRecorder(repo, CLOCK);
    }

    @Override
    public void close() {
        repo.close();
        remote.close();
    }
}
