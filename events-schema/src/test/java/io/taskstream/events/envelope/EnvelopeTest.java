package io.taskstream.events.envelope;

import io.taskstream.events.EventExamples;
import io.taskstream.events.data.TaskReady;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    @Test
    void rejectsATypeThatDoesNotMatchItsData() {
        Envelope<?> ready = EventExamples.of(EventType.TASK_READY);
        assertThatThrownBy(() -> new Envelope<>(ready.id(), EventType.TASK_WAITING.type(), ready.source(),
                ready.subject(), ready.time(), ready.runId(), (TaskReady) ready.data()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.taskstream.task.waiting.v1")
                .hasMessageContaining("TaskReady");
    }

    @Test
    void rejectsAMissingRunId() {
        Envelope<?> ready = EventExamples.of(EventType.TASK_READY);
        assertThatThrownBy(() -> new Envelope<>(ready.id(), ready.type(), ready.source(), ready.subject(),
                ready.time(), null, (TaskReady) ready.data()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("runId");
    }

    @Test
    void ofStampsTheVersionedTypeOfItsData() {
        TaskReady data = (TaskReady) EventExamples.of(EventType.TASK_READY).data();
        Envelope<TaskReady> e = Envelope.of(Source.of("scanner", "scanner-1"), "TASK-002", EventExamples.RUN_ID, data);
        assertThat(e.type()).isEqualTo("io.taskstream.task.ready.v1");
        assertThat(e.key()).isEqualTo("TASK-002");
        assertThat(e.source()).hasToString("/taskstream/scanner/scanner-1");
    }

    @Test
    void everyEventTypeIsFoundByItsVersionedTypeOnly() {
        for (EventType t : EventType.values()) {
            assertThat(EventType.fromType(t.type())).contains(t);
            assertThat(EventType.fromType(t.shortName())).isEmpty();
        }
    }
}
