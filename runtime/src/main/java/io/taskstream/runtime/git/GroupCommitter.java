package io.taskstream.runtime.git;

import io.taskstream.runtime.git.GitTaskRepo.Edit;
import io.taskstream.runtime.git.GitTaskRepo.GitException;
import io.taskstream.runtime.git.GroupCommit.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns concurrent single edits into group commits, leader/follower style: a caller that finds no commit in
 * flight takes everything pending at that moment as one group and commits it for all; the others wait for
 * their result. No timer: a lone edit goes out at once, and edits that arrive while a group is being
 * committed and published make up the next group.
 */
final class GroupCommitter {
    /** Commits one group; returns one outcome per edit and never throws for a member. */
    private final Function<List<Edit>, List<Outcome>> committer;
    private final Object lock = new Object();
    private final List<Request> pending = new ArrayList<>();
    private boolean leading;

    private static final class Request {
        final Edit edit;
        Outcome outcome;

        Request(Edit edit) {
            this.edit = edit;
        }
    }

    GroupCommitter(Function<List<Edit>, List<Outcome>> committer) {
        this.committer = committer;
    }

    int pending() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Blocks until the group holding the edit is published (or failed); interrupts are kept for the caller. */
    String submit(Edit edit) throws GitException {
        Request mine = new Request(edit);
        boolean interrupted = false;
        try {
            synchronized (lock) {
                pending.add(mine);
            }
            while (true) {
                List<Request> group;
                synchronized (lock) {
                    while (mine.outcome == null && leading) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (mine.outcome != null) {
                        return result(mine.outcome);
                    }
                    leading = true;
                    group = new ArrayList<>(pending);
                    pending.clear();
                }
                lead(group);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void lead(List<Request> group) {
        List<Outcome> outcomes = null;
        Throwable thrown = null;
        try {
            outcomes = committer.apply(group.stream().map(r -> r.edit).toList());
        } catch (RuntimeException | Error e) {
            thrown = e;
        } finally {
            synchronized (lock) {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).outcome = outcomes != null ? outcomes.get(i) : new Outcome(null,
                            new GitException("recording failed: " + thrown, thrown));
                }
                leading = false;
                lock.notifyAll();
            }
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    private static String result(Outcome outcome) throws GitException {
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.commit();
    }
}
