package io.taskstream.events.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads envelopes as structured-mode CloudEvents JSON ({@code application/cloudevents+json})
 * through the CloudEvents SDK; the payload records go through Jackson.
 */
public final class EventCodec {
    /** CloudEvents extension attribute names must be lower-case alphanumerics. */
    public static final String RUN_ID = "runid";

    private final ObjectMapper json;
    private final JsonFormat format = new JsonFormat();

    public EventCodec() {
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** The mapper used for payloads; shared so that reports and tests write the same JSON. */
    public ObjectMapper mapper() {
        return json;
    }

    public byte[] encode(Envelope<?> event) {
        try {
            CloudEvent ce = CloudEventBuilder.v1()
                    .withId(event.id())
                    .withType(event.type())
                    .withSource(event.source())
                    .withSubject(event.subject())
                    .withTime(event.time().atOffset(ZoneOffset.UTC))
                    .withExtension(RUN_ID, event.runId())
                    .withDataContentType("application/json")
                    .withDataSchema(event.eventType().schemaId())
                    .withData(json.writeValueAsBytes(event.data()))
                    .build();
            return format.serialize(ce);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + event.type(), e);
        }
    }

    public Envelope<EventData> decode(byte[] bytes) throws PoisonEventException {
        if (bytes == null || bytes.length == 0) {
            throw new PoisonEventException("empty record value");
        }
        CloudEvent ce;
        try {
            ce = format.deserialize(bytes);
        } catch (EventDeserializationException | IllegalStateException | IllegalArgumentException e) {
            throw new PoisonEventException("not a CloudEvents JSON event: " + rootMessage(e), e);
        }
        if (ce == null) {
            throw new PoisonEventException("not a CloudEvents JSON event: the value is JSON null");
        }
        EventType type = EventType.fromType(ce.getType())
                .orElseThrow(() -> new PoisonEventException("unknown event type " + ce.getType()));
        Object runId = ce.getExtension(RUN_ID);
        List<String> missing = new ArrayList<>();
        if (ce.getSubject() == null) missing.add("subject");
        if (ce.getTime() == null) missing.add("time");
        if (runId == null) missing.add(RUN_ID);
        if (ce.getData() == null) missing.add("data");
        if (!missing.isEmpty()) {
            throw new PoisonEventException(type.type() + " lacks " + String.join(", ", missing));
        }
        EventData data;
        try {
            data = json.readerFor(type.dataClass())
                    .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .readValue(ce.getData().toBytes());
        } catch (IOException e) {
            throw new PoisonEventException("data does not fit " + type.type() + ": " + rootMessage(e), e);
        }
        try {
            return new Envelope<>(ce.getId(), ce.getType(), ce.getSource(), ce.getSubject(),
                    ce.getTime().toInstant(), runId.toString(), data);
        } catch (RuntimeException e) {
            throw new PoisonEventException("invalid envelope: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
