package io.taskstream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskstream.events.EventExamples;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.CriterionFailed;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schemas accept every example event and reject what breaks the contract. */
class EventSchemaValidatorTest {
    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = codec.mapper();
    private final EventSchemaValidator validator = new EventSchemaValidator();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeSerializesToJsonThatItsSchemaAccepts(EventType type) throws IOException {
        assertThat(validator.validate(type, encoded(EventExamples.of(type)))).isEmpty();
    }

    @Test
    void aFinalFailureWithoutRetryTimeIsAccepted() throws IOException {
        Envelope<?> example = EventExamples.of(EventType.CRITERION_FAILED);
        CriterionFailed failed = (CriterionFailed) example.data();
        CriterionFailed last = new CriterionFailed(failed.criterion(), failed.text(), 3, failed.attemptId(),
                FailureCause.TIMED_OUT, -1, 600_000, "", "step 1 of 2 ran past 600 s", null);
        Envelope<CriterionFailed> event = new Envelope<>(example.id(), example.type(), example.source(),
                example.subject(), example.time(), example.runId(), last);

        JsonNode encoded = encoded(event);

        assertThat(encoded.at("/data/retryAt").isNull()).isTrue();
        assertThat(validator.validate(EventType.CRITERION_FAILED, encoded)).isEmpty();
    }

    @Test
    void taskReadyWithoutItsTaskIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.TASK_READY));
        ((ObjectNode) event.get("data")).remove("task");
        assertThat(validator.validate(EventType.TASK_READY, event)).isNotEmpty()
                .anySatisfy(m -> assertThat(m.getMessage()).contains("task"));
    }

    @Test
    void anEventWithAnotherTypeIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.TASK_READY));
        event.put("type", EventType.TASK_WAITING.type());
        assertThat(validator.validate(EventType.TASK_READY, event)).isNotEmpty();
    }

    @Test
    void anUnversionedTypeIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.TASK_READY));
        event.put("type", "io.taskstream.task.ready");
        assertThat(validator.validate(EventType.TASK_READY, event)).isNotEmpty();
    }

    @Test
    void anUnknownDataPropertyIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.CRITERION_COMPLETED));
        ((ObjectNode) event.get("data")).put("hostname", "localhost");
        assertThat(validator.validate(EventType.CRITERION_COMPLETED, event)).isNotEmpty()
                .anySatisfy(m -> assertThat(m.getMessage()).contains("hostname"));
    }

    @Test
    void anUnknownPropertyInASharedPartIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.TASK_READY));
        ((ObjectNode) event.at("/data/task/criteria/0")).put("owner", "ops");
        assertThat(validator.validate(EventType.TASK_READY, event)).isNotEmpty();
    }

    @Test
    void aNegativeAttemptIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.CRITERION_STARTED));
        ((ObjectNode) event.get("data")).put("attempt", -1);
        assertThat(validator.validate(EventType.CRITERION_STARTED, event)).isNotEmpty()
                .anySatisfy(m -> assertThat(m.getMessage()).contains("attempt"));
    }

    @Test
    void aMissingRunIdIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.SCAN_REQUESTED));
        event.remove(EventCodec.RUN_ID);
        assertThat(validator.validate(EventType.SCAN_REQUESTED, event)).isNotEmpty();
    }

    @Test
    void aTimeThatIsNotADateTimeIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.TASK_COMPLETED));
        event.put("time", "yesterday");
        assertThat(validator.validate(EventType.TASK_COMPLETED, event)).isNotEmpty();
    }

    @Test
    void aFailureCauseOutsideTheEnumIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.CRITERION_RETRY));
        ((ObjectNode) event.get("data")).put("previousCause", "FLAKY");
        assertThat(validator.validate(EventType.CRITERION_RETRY, event)).isNotEmpty();
    }

    @Test
    void anEventIsValidatedAgainstTheSchemaItsTypeNames() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.CRITERION_RETRY));
        assertThat(validator.validate(event)).isEmpty();

        ((ObjectNode) event.get("data")).put("attempt", 0);
        assertThat(validator.validate(event)).isNotEmpty();

        event.put("type", "io.taskstream.criterion.rerun.v1");
        assertThatThrownBy(() -> validator.validate(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("criterion.rerun");
    }

    @Test
    void aDataschemaOtherThanTheSchemasIdIsRejected() throws IOException {
        ObjectNode event = encoded(EventExamples.of(EventType.TASK_COMPLETED));
        event.put("dataschema", "urn:taskstream:schema:task.completed.v1");
        assertThat(validator.validate(EventType.TASK_COMPLETED, event)).isNotEmpty()
                .anySatisfy(m -> assertThat(m.getMessage()).contains("dataschema"));
    }

    private ObjectNode encoded(Envelope<?> event) throws IOException {
        return (ObjectNode) json.readTree(codec.encode(event));
    }
}
