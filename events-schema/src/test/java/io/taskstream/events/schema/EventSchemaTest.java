package io.taskstream.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskstream.events.EventExamples;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema files agree with the event types and their records. */
class EventSchemaTest {
    private static final String COMMON = "common.v1.json";

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = codec.mapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaDeclaresItsIdTitleDescriptionAndExactType(EventType type) throws IOException {
        JsonNode schema = resource(type.schemaResource());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(type.schemaId().toString());
        assertThat(schema.path("title").asText()).contains(type.type(), type.dataClass().getSimpleName());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.at("/properties/type/const").asText()).isEqualTo(type.type());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theDataschemaOfEveryEventIsTheIdOfItsSchema(EventType type) throws IOException {
        JsonNode schema = resource(type.schemaResource());
        String id = schema.path("$id").asText();

        assertThat(type.schemaId()).hasToString(id);
        assertThat(schema.at("/properties/dataschema/const").asText()).isEqualTo(id);
        assertThat(encoded(EventExamples.of(type)).path("dataschema").asText()).isEqualTo(id);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaRequiresExactlyTheComponentsOfItsRecord(EventType type) throws IOException {
        JsonNode data = resource(type.schemaResource()).at("/properties/data");
        assertExactly(data, type.dataClass());
    }

    @Test
    void sharedDefinitionsRequireExactlyTheComponentsOfTheirRecords() throws IOException {
        JsonNode defs = resource("/schemas/" + COMMON).path("$defs");
        for (String name : List.of("TaskSnapshot", "CriterionSpec", "ActionSpec", "ExecutionOptions", "RepoCommit")) {
            assertExactly(defs.path(name), recordClass(name));
        }
    }

    @Test
    void sharedEnumsListEveryConstant() throws IOException {
        JsonNode defs = resource("/schemas/" + COMMON).path("$defs");
        assertThat(texts(defs.at("/FailureCause/enum")))
                .containsExactly(Arrays.stream(FailureCause.values()).map(Enum::name).toArray(String[]::new));
        assertThat(texts(defs.at("/SkipReason/enum"))).containsExactly(
                Arrays.stream(io.taskstream.events.data.SkipReason.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void everySchemaFileBelongsToAnEventType() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/schemas").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<String> expected = Arrays.stream(EventType.values())
                .map(t -> t.schemaResource().substring("/schemas/".length()))
                .collect(Collectors.toCollection(HashSet::new));
        expected.add(COMMON);
        assertThat(files).containsExactlyInAnyOrderElementsOf(expected);
    }

    private JsonNode encoded(Envelope<?> event) throws IOException {
        return json.readTree(codec.encode(event));
    }

    private JsonNode resource(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return json.readTree(in);
        }
    }

    private static void assertExactly(JsonNode objectSchema, Class<?> record) {
        String[] components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .toArray(String[]::new);
        assertThat(objectSchema.path("type").asText()).as(record.getSimpleName()).isEqualTo("object");
        assertThat(objectSchema.path("additionalProperties").isBoolean()
                && !objectSchema.path("additionalProperties").asBoolean()).as(record.getSimpleName()).isTrue();
        assertThat(texts(objectSchema.path("required"))).as(record.getSimpleName())
                .containsExactlyInAnyOrder(components);
        assertThat(objectSchema.path("properties").fieldNames()).toIterable().as(record.getSimpleName())
                .containsExactlyInAnyOrder(components);
    }

    private static Class<?> recordClass(String simpleName) {
        try {
            return Class.forName("io.taskstream.events.data." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
