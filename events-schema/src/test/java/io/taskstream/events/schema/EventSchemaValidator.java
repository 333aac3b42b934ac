package io.taskstream.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.taskstream.events.envelope.EventType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates structured events against the schemas on the classpath. Every schema's {@code $id} lives under
 * {@link #BASE}; that prefix is mapped to {@code classpath:schemas/}, so {@code $ref}s to {@code common.v1.json}
 * resolve from the jar and nothing is fetched over the network.
 */
final class EventSchemaValidator {
    static final String BASE = "https://schemas.taskstream.dev/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    /** The schema's {@code $id}, derived from {@link EventType#schemaResource()}. */
    static String schemaId(EventType type) {
        return BASE + type.schemaResource().substring("/schemas/".length());
    }

    JsonSchema schema(EventType type) {
        return schemas.computeIfAbsent(type, t -> {
            JsonSchema s = FACTORY.getSchema(SchemaLocation.of(schemaId(t)), CONFIG);
            s.initializeValidators(); // resolves every $ref now, so a broken one fails here
            return s;
        });
    }

    Set<ValidationMessage> validate(EventType type, JsonNode event) {
        return schema(type).validate(event);
    }
}
