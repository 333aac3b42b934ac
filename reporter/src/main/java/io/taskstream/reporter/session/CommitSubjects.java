package io.taskstream.reporter.session;

import io.taskstream.events.data.CriterionVerified;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.TaskBlocked;
import io.taskstream.events.data.TaskCompleted;

import java.util.List;

/**
 * The subjects of the pipeline's commits, rebuilt from the events that name them. The verifier's task repo
 * commits are written by {@code TaskRecorder} (one record: its subject) and {@code CommitMessage} (several
 * records grouped in one commit: {@code Record N changes: <labels>}, cut at 72 characters); workspace commits
 * by {@code RepoCommits.message}. Keep these in step with those classes.
 */
public final class CommitSubjects {
    static final int SUBJECT_LIMIT = 72;

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

    /** The subject of a commit that holds these records (a group's labels are sorted, as the recorder sorts them). */
    public static String subject(List<Record> records) {
        if (records.size() == 1) {
            return records.get(0).subject();
        }
        List<String> labels = records.stream().map(Record::label).sorted().toList();
        StringBuilder subject = new StringBuilder("Record " + records.size() + " changes: ");
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            boolean last = i == records.size() - 1;
            if (subject.length() + label.length() + (last ? 0 : ", …".length()) > SUBJECT_LIMIT) {
                return subject.append('…').toString();
            }
            subject.append(label).append(last ? "" : ", ");
        }
        return subject.toString();
    }

    /** A workspace repository commit's subject: {@code TASK-1 #2: <criterion>}. */
    public static String workspace(String taskId, int criterion, String text) {
        return taskId + " #" + criterion + ": " + text.strip().replaceAll("\\s+", " ");
    }
}
