package io.taskstream.launcher.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.taskstream.runtime.logging.LogContext;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A process that runs one service names it on every JSON line, also on lines logged outside a task's work. */
class ProcessIdentityTest {
    @AfterEach
    void backToTheTestConfiguration() {
        LogSetup.reset();
    }

    @Test
    void linesWithoutTheirOwnServiceCarryTheProcessesAndNoKeyAppearsTwice() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogSetup.identify("executor", "vm-1");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setEncoder(LogSetup.jsonEncoder(context));
        capture.setOutputStream(captured);
        capture.start();
        Logger logger = context.getLogger("io.taskstream.test.identity");
        logger.addAppender(capture);
        try {
            logger.warn("outside any task");
            LogContext.run("verifier", "verifier-1", "TASK-001", "run-1", () -> logger.warn("inside a task"));
        } finally {
            logger.detachAppender(capture);
            capture.stop();
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonObject outside = new JsonObject(lines.get(0));
        assertThat(outside.getString("service")).isEqualTo("executor");
        assertThat(outside.getString("instance")).isEqualTo("vm-1");
        JsonObject inside = new JsonObject(lines.get(1));
        assertThat(inside.getString("service")).isEqualTo("verifier");
        assertThat(inside.getString("task")).isEqualTo("TASK-001");
        assertThat(lines.get(1).split("\"service\"", -1)).as("one service key").hasSize(2);
    }
}
