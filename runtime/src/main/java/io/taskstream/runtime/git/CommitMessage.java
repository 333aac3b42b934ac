package io.taskstream.runtime.git;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The message of a group's commit. One record keeps its own message; several get a subject that counts and
 * names them, one body line each, and the trailers of all: every distinct run id once (the scanner knows the
 * pipeline's commits by it), every event id.
 */
final class CommitMessage {
    private CommitMessage() {
    }

    static String of(List<GitTaskRepo.Recorded> records) {
        if (records.size() == 1) {
            GitTaskRepo.Recorded only = records.get(0);
            return only.subject() + (only.details() == null ? "" : "\n\n" + only.details())
                    + "\n\n" + trailers(records);
        }
        StringBuilder body = new StringBuilder();
        for (GitTaskRepo.Recorded r : records) {
            body.append(r.subject());
            if (r.details() != null) {
                body.append(": ").append(r.details().strip().replaceAll("\\s*\n\\s*", " "));
            }
            body.append('\n');
        }
        return subject(records) + "\n\n" + body + "\n" + trailers(records);
    }

    private static String subject(List<GitTaskRepo.Recorded> records) {
        return GitTaskRepo.groupSubject(records.stream().map(GitTaskRepo.Recorded::label).toList());
    }

    private static String trailers(List<GitTaskRepo.Recorded> records) {
        Set<String> runs = new LinkedHashSet<>();
        records.forEach(r -> runs.add(r.runId()));
        StringBuilder trailers = new StringBuilder();
        runs.forEach(run -> trailers.append(GitTaskRepo.RUN_TRAILER).append(run).append('\n'));
        records.forEach(r -> trailers.append(GitTaskRepo.EVENT_TRAILER).append(r.eventId()).append('\n'));
        return trailers.substring(0, trailers.length() - 1);
    }
}
