package io.taskstream.testkit;

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
 * Validates structured events against the JSON Schemas on the classpath (from {@code events-schema}). Every
 * schema's {@code $id} lives under {@link EventType#SCHEMA_BASE}; that prefix is mapped to
 * {@code classpath:schemas/}, so {@code $ref}s to {@code common.v1.json} resolve from the jar and nothing is
 * fetched over the network. Formats ({@code date-time}, {@code uri}) are asserted, not just annotated.
 */
public final class EventSchemaValidator {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    /** The schema of a type, its {@code $ref}s resolved (a broken one fails here). */
    public synchronized JsonSchema schema(EventType type) {
        return schemas.computeIfAbsent(type, t -> {
            JsonSchema s = FACTORY.getSchema(SchemaLocation.of(t.schemaId().toString()), CONFIG);
            s.initializeValidators();
            return s;
        });
    }

    /** @return what the type's schema finds wrong with the event; empty when it is valid */
    public Set<ValidationMessage> validate(EventType type, JsonNode event) {
        return schema(type).validate(event);
    }

    /**
     * Validates an event against the schema its own {@code type} names.
     *
     * @throws IllegalArgumentException when the type is missing or unknown
     */
    public Set<ValidationMessage> validate(JsonNode event) {
        String type = event.path("type").asText();
        return validate(EventType.fromType(type)
                .orElseThrow(() -> new IllegalArgumentException("no schema for event type '" + type + "'")), event);
    }
}
