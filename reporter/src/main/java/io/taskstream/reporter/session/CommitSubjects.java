package io.taskstream.reporter.session;

import io.taskstream.events.data.CriterionVerified;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.TaskBlocked;
import io.taskstream.events.data.TaskCompleted;

import io.taskstream.runtime.git.GitTaskRepo;

import java.util.List;

/**
 * The subjects of the pipeline's commits, rebuilt from the events that name them. The verifier's task repo
 * commits are written by {@code TaskRecorder} (one record: its subject) and {@code CommitMessage} (several
 * records grouped in one commit: {@link GitTaskRepo#groupSubject}); workspace commits
 * by {@code RepoCommits.message}. Keep these in step with those classes.
 */
public final class CommitSubjects {
    private CommitSubjects() {
    }

    /** A record in the task repo: its subject when alone in its commit, and its label in a group's subject. */
    public record Record(String subject, String label) {
    }

    /** The record an event says it committed; null for events that commit nothing in the task repo. */
    public static Record of(String taskId, EventData d) {
        if (d instanceof CriterionVerified v) {
            return new Record(taskId + ": verified criterion " + v.criterion() + " (" + v.text() + ")",
                    taskId + " #" + v.criterion());
        }
        if (d instanceof TaskCompleted) {
            return new Record(taskId + ": completed, archived to tasks/completed/", taskId + " completed");
        }
        if (d instanceof TaskBlocked) {
            return new Record(taskId + ": blocked", taskId + " blocked");
        }
        return null;
    }

    /** The subject of a commit that holds these records, as the recorder writes it. */
    public static String subject(List<Record> records) {
        return records.size() == 1 ? records.get(0).subject()
                : GitTaskRepo.groupSubject(records.stream().map(Record::label).toList());
    }

    /** A workspace repository commit's subject: {@code TASK-1 #2: <criterion>}. */
    public static String workspace(String taskId, int criterion, String text) {
        return taskId + " #" + criterion + ": " + text.strip().replaceAll("\\s+", " ");
    }
}
