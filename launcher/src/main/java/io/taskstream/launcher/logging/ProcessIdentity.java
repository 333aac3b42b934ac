package io.taskstream.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.taskstream.runtime.logging.LogContext;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;
import java.util.Map;

/**
 * In a process that runs one service ({@code serve executor}, a container), every JSON line names it: lines logged
 * outside a task's work (a Kafka client's thread, start-up, shutdown) get the process's service and instance from
 * the logger context's properties; a line whose MDC names them already keeps its own (no key twice).
 */
final class ProcessIdentity extends AbstractJsonProvider<ILoggingEvent> {
    static final String SERVICE = "taskstream.service";
    static final String INSTANCE = "taskstream.instance";

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        Map<String, String> mdc = event.getMDCPropertyMap();
        write(generator, mdc, LogContext.SERVICE, getContext().getProperty(SERVICE));
        write(generator, mdc, LogContext.INSTANCE, getContext().getProperty(INSTANCE));
    }

    private static void write(JsonGenerator generator, Map<String, String> mdc, String field, String value)
            throws IOException {
        if (value != null && (mdc == null || !mdc.containsKey(field))) {
            generator.writeStringField(field, value);
        }
    }
}
