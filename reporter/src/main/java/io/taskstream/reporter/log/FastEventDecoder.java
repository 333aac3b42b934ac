package io.taskstream.reporter.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * Decodes the structured-mode CloudEvents JSON the services write in one streaming pass, binding {@code data}
 * straight to its record, for bulk replays. It gives exactly what {@link EventCodec#decode} gives: anything it
 * does not recognise as the plain shape (no {@code specversion 1.0}, {@code data} before {@code type},
 * {@code data_base64}, a missing attribute, a non-string value, any parse problem) is handed to the codec, which
 * then decodes it or says why it is not an event. Thread-safe.
 */
public final class FastEventDecoder {
    private final EventCodec codec;
    private final JsonFactory factory;
    private final Map<EventType, ObjectReader> readers = new EnumMap<>(EventType.class);

    public FastEventDecoder(EventCodec codec) {
        this.codec = codec;
        this.factory = codec.mapper().getFactory();
        for (EventType t : EventType.values()) {
            readers.put(t, codec.mapper().readerFor(t.dataClass())
                    .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES));
        }
    }

    public Envelope<EventData> decode(byte[] bytes) throws PoisonEventException {
        Envelope<EventData> fast = bytes == null || bytes.length == 0 ? null : tryFast(bytes);
        return fast != null ? fast : codec.decode(bytes);
    }

    /** @return null when the codec must decide */
    private Envelope<EventData> tryFast(byte[] bytes) {
        String spec = null, id = null, type = null, source = null, subject = null, time = null, runId = null;
        EventData data = null;
        try (JsonParser p = factory.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("data")) {
                    EventType et = type == null ? null : EventType.fromType(type).orElse(null);
                    if (et == null || value != JsonToken.START_OBJECT || data != null) {
                        return null;
                    }
                    data = readers.get(et).readValue(p);
                    continue;
                }
                if (name.equals("data_base64")) {
                    return null;
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
                switch (name) {
                    case "specversion" -> spec = text;
                    case "id" -> id = text;
                    case "type" -> type = text;
                    case "source" -> source = text;
                    case "subject" -> subject = text;
                    case "time" -> time = text;
                    case EventCodec.RUN_ID -> runId = text;
                    default -> {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            return null; // numbers or booleans as attributes: leave the rules to the SDK
                        }
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            if (!"1.0".equals(spec) || id == null || type == null || source == null || subject == null
                    || time == null || runId == null || data == null) {
                return null;
            }
            return new Envelope<>(id, type, URI.create(source), subject, OffsetDateTime.parse(time).toInstant(),
                    runId, data);
        } catch (Exception e) {
            return null;
        }
    }
}
