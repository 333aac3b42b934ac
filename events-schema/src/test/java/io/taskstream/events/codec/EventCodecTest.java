package io.taskstream.events.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskstream.events.EventExamples;
import io.taskstream.events.data.CriterionFailed;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeRoundTripsThroughTheCodec(EventType type) throws PoisonEventException {
        Envelope<?> event = EventExamples.of(type);
        Envelope<?> decoded = codec.decode(codec.encode(event));
        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.eventType()).isEqualTo(type);
    }

    @Test
    void aFinalFailureRoundTripsWithANullRetryTime() throws PoisonEventException {
        Envelope<?> example = EventExamples.of(EventType.CRITERION_FAILED);
        CriterionFailed last = new CriterionFailed(2, "Push every image to the local registry", 3,
                "d4c3b2a1-0000-4000-8000-000000000003", FailureCause.RUN_FAILED, 1, 3_900, "", "gave up", null);
        Envelope<CriterionFailed> event = new Envelope<>(example.id(), example.type(), example.source(),
                example.subject(), example.time(), example.runId(), last);

        Envelope<?> decoded = codec.decode(codec.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(((CriterionFailed) decoded.data()).isFinal()).isTrue();
    }

    @Test
    void encodesAStructuredCloudEventWithInlineJsonData() throws IOException {
        Envelope<?> event = EventExamples.of(EventType.TASK_READY);
        JsonNode json = codec.mapper().readTree(codec.encode(event));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("type").asText()).isEqualTo("io.taskstream.task.ready.v1");
        assertThat(json.path("subject").asText()).isEqualTo(EventExamples.TASK_ID);
        assertThat(json.path(EventCodec.RUN_ID).asText()).isEqualTo(EventExamples.RUN_ID);
        assertThat(json.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.has("data_base64")).isFalse();
        assertThat(json.at("/data/task/id").asText()).isEqualTo(EventExamples.TASK_ID);
    }

    @Test
    void garbageBytesArePoison() {
        assertPoison(new byte[]{(byte) 0xC3, 0x28, 0x00, 0x7F, (byte) 0xFF}, "not a CloudEvents JSON event");
    }

    @Test
    void emptyBytesArePoison() {
        assertPoison(new byte[0], "empty record value");
        assertPoison(null, "empty record value");
    }

    @Test
    void jsonNullIsPoison() {
        assertPoison(utf8("null"), "not a CloudEvents JSON event");
    }

    @Test
    void validJsonThatIsNotACloudEventIsPoison() {
        assertPoison(utf8("{\"task\":\"TASK-002\",\"status\":\"done\"}"), "not a CloudEvents JSON event");
        assertPoison(utf8("[1,2,3]"), "not a CloudEvents JSON event");
    }

    @Test
    void aCloudEventOfAnUnknownTypeIsPoison() {
        assertPoison(edited(EventType.TASK_READY, e -> e.put("type", "io.taskstream.task.exploded.v1")),
                "unknown event type io.taskstream.task.exploded.v1");
    }

    @Test
    void aKnownTypeOfAnotherVersionIsPoison() {
        assertPoison(edited(EventType.TASK_READY, e -> e.put("type", "io.taskstream.task.ready.v2")),
                "unknown event type io.taskstream.task.ready.v2");
    }

    @Test
    void dataWithAStringCriterionIsPoison() {
        assertPoison(edited(EventType.CRITERION_STARTED, e -> data(e).put("criterion", "first")),
                "data does not fit io.taskstream.criterion.started.v1", "criterion");
    }

    @Test
    void dataMissingARequiredListIsPoison() {
        assertPoison(edited(EventType.SCAN_COMPLETED, e -> data(e).remove("ready")),
                "data does not fit io.taskstream.scan.completed.v1", "ready");
    }

    @Test
    void dataMissingANestedRecordIsPoison() {
        assertPoison(edited(EventType.TASK_READY, e -> data(e).remove("task")),
                "data does not fit io.taskstream.task.ready.v1", "task");
    }

    @Test
    void dataWithAnUnknownPropertyIsPoison() {
        assertPoison(edited(EventType.TASK_COMPLETED, e -> data(e).put("final", true)),
                "data does not fit io.taskstream.task.completed.v1", "final");
    }

    @Test
    void aSkipReasonOutsideTheEnumIsPoison() {
        assertPoison(edited(EventType.CRITERION_SKIPPED, e -> data(e).put("reason", "BORED")),
                "data does not fit io.taskstream.criterion.skipped.v1", "BORED");
    }

    @Test
    void aMissingRunIdIsPoison() {
        assertPoison(edited(EventType.TASK_READY, e -> e.remove(EventCodec.RUN_ID)),
                "io.taskstream.task.ready.v1 lacks runid");
    }

    @Test
    void aMissingSubjectIsPoison() {
        assertPoison(edited(EventType.TASK_READY, e -> e.remove("subject")),
                "io.taskstream.task.ready.v1 lacks subject");
    }

    @Test
    void aTimeThatIsNotATimestampIsPoison() {
        assertPoison(edited(EventType.TASK_READY, e -> e.put("time", "yesterday")),
                "not a CloudEvents JSON event", "time");
    }

    private void assertPoison(byte[] bytes, String... reasonParts) {
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContainingAll(reasonParts);
    }

    private byte[] edited(EventType type, Consumer<ObjectNode> edit) {
        try {
            ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.encode(EventExamples.of(type)));
            edit.accept(json);
            return codec.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
