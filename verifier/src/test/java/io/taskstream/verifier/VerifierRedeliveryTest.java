package io.taskstream.verifier;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Events arrive more than once, and instances come and go: each criterion is still committed once. */
class VerifierRedeliveryTest extends VerifierTestBase {

    @Test
    void aRedeliveredCompletionAndARestartDoNotCommitACriterionTwice() throws Exception {
        TaskSnapshot task = seed("TASK-6", criterion(1, "Images built", "true"), criterion(2, "Images pushed", "true"));
        Vertx first = startVerifier("v1");
        ready(task, ExecutionOptions.defaults());
        Envelope<EventData> completed = ran(task, 1);
        publish(completed);
        eventually().until(() -> !events(CriterionVerified.class).isEmpty());
        stop(first);

        startVerifier("v2");
        ran(task, 2);

        eventually().until(() -> !events(TaskCompleted.class).isEmpty());
        assertThat(events(CriterionVerified.class)).extracting(CriterionVerified::criterion).containsExactly(1, 2);
        assertThat(log.events()).filteredOn(e -> e.data() instanceof CriterionVerified v && v.criterion() == 2)
                .singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(Source.of("verifier", "v2")));
        assertThat(remoteCommits("TASK-6: verified criterion 1 ")).isEqualTo(1);
        assertThat(remoteCommits("TASK-6: verified criterion 2 ")).isEqualTo(1);
        assertThat(remoteCommits("TASK-6: completed")).isEqualTo(1);
        assertThat(events(TaskCompleted.class)).hasSize(1);
    }

    @Test
    void aCompletionWhoseBoxIsAlreadyCheckedIsReportedWithoutANewCommit() throws Exception {
        TaskSnapshot task = seed("TASK-8", criterion(1, "Images built", "true"), criterion(2, "Images pushed", "true"));
        // An instance checked the box and crashed before publishing criterion.verified.
        String file = remote.remoteFile(path("TASK-8"));
        String checked = remote.pushFile(path("TASK-8"), file.replace("- [ ] Images built", "- [x] Images built"),
                "TASK-8: verified criterion 1 (Images built)\n\nTaskstream-Run: run-1\nTaskstream-Event: lost");
        ready(task, ExecutionOptions.defaults());
        ran(task, 1);

        startVerifier("v1");

        eventually().until(() -> !events(CriterionVerified.class).isEmpty());
        assertThat(events(CriterionVerified.class).get(0).commit()).isEqualTo(checked);
        assertThat(remote.remoteHead()).isEqualTo(checked);
        assertThat(remoteCommits("TASK-8: verified criterion 1 ")).isEqualTo(1);
    }

    @Test
    void aRedeliveredCompletionNamesTheCommitThatHoldsItsChangeAndIsVerifiedOnce() throws Exception {
        TaskSnapshot task = seed("TASK-9", criterion(1, "Images built", "true"), criterion(2, "Images pushed", "true"));
        // An instance checked the box and its criterion.verified never reached the log; then another task's
        // commit landed on top.
        String file = remote.remoteFile(path("TASK-9"));
        String checked = remote.pushFile(path("TASK-9"), file.replace("- [ ] Images built", "- [x] Images built"),
                "TASK-9: verified criterion 1 (Images built)\n\nTaskstream-Run: run-1\nTaskstream-Event: lost");
        seed("TASK-10", criterion(1, "Other work", "true"));
        assertThat(remote.remoteHead()).isNotEqualTo(checked);
        ready(task, ExecutionOptions.defaults());
        Envelope<EventData> completed = ran(task, 1);
        startVerifier("v1");
        eventually().until(() -> !events(CriterionVerified.class).isEmpty());

        // Delivered again: the same record, and the same attempt's result under a new id.
        publish(completed);
        CriterionCompleted again = (CriterionCompleted) completed.data();
        publish(task, new CriterionCompleted(1, again.text(), 1, again.attemptId(), 0, 5, "", 0, false));
        ran(task, 2);
        eventually().until(() -> !events(TaskCompleted.class).isEmpty());

        assertThat(events(CriterionVerified.class)).filteredOn(v -> v.criterion() == 1).singleElement()
                .satisfies(v -> assertThat(v.commit()).isEqualTo(checked));
        assertThat(remoteCommits("TASK-9: verified criterion 1 ")).isEqualTo(1);
    }
}
