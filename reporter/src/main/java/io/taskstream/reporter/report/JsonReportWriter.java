package io.taskstream.reporter.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.taskstream.events.codec.EventCodec;

/**
 * Writes a session report as indented JSON with the event codec's mapper, so times read as in the events
 * (ISO-8601). Each task carries its executor-contract output under {@code tasks[].result}. Absent parts
 * (a task that did not complete has no {@code completion}) are left out.
 */
public final class JsonReportWriter {
    private final ObjectWriter writer;
    private final ObjectMapper mapper;

    public JsonReportWriter(EventCodec codec) {
        // A copy, so the codec's own mapper keeps writing nulls as the event schemas expect.
        this.mapper = codec.mapper().copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        this.writer = mapper.writerWithDefaultPrettyPrinter();
    }

    public String write(SessionReport report) {
        try {
            return writer.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report of run " + report.runId() + " as JSON", e);
        }
    }
}
