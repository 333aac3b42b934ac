package io.taskstream.launcher.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * The process's log lines: text as {@code logback.xml} configures them (one readable line each, on standard
 * error), or one JSON object per line ({@code @timestamp}, {@code level}, {@code logger_name}, {@code message},
 * the MDC entries such as {@code service}, {@code instance}, {@code task}, {@code run}, and {@code stack_trace}).
 * The command line applies its {@code --log-format} and {@code --log-level} here before the command runs, so
 * that no line of the command is written in the other format.
 */
public final class LogSetup {
    /** How lines are written. */
    public enum Format { TEXT, JSON }

    /** The level of Taskstream's own loggers ({@value #OWN}); libraries stay at warnings. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    /** The loggers {@link Level} applies to. */
    public static final String OWN = "io.taskstream";
    static final String JSON_APPENDER = "JSON";

    private LogSetup() {
    }

    /**
     * Writes lines in {@code format} and sets Taskstream's level; null keeps what the configuration file says.
     * Does nothing when SLF4J is not bound to logback.
     */
    public static synchronized void apply(Format format, Level level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (format == Format.JSON && root.getAppender(JSON_APPENDER) == null) {
            ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
            json.setContext(context);
            json.setName(JSON_APPENDER);
            json.setTarget("System.err");
            json.setEncoder(jsonEncoder(context));
            json.start();
            root.detachAndStopAllAppenders();
            root.addAppender(json);
        } else if (format == Format.TEXT && root.getAppender(JSON_APPENDER) != null) {
            reset();
        }
        if (level != null) {
            context.getLogger(OWN).setLevel(ch.qos.logback.classic.Level.toLevel(level.name()));
        }
    }

    /** The encoder of JSON lines, started: one object per line. */
    public static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        // The context's own properties (its name) say nothing about the line.
        encoder.setIncludeContext(false);
        encoder.addProvider(new ProcessIdentity());
        encoder.start();
        return encoder;
    }

    /**
     * Names the service this process runs, for the JSON lines that carry no service of their own (see
     * {@link ProcessIdentity}); for processes that run one service only.
     */
    public static synchronized void identify(String service, String instance) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(ProcessIdentity.SERVICE, service);
            context.putProperty(ProcessIdentity.INSTANCE, instance);
        }
    }

    /** Back to the configuration file (logback.xml; logback-test.xml in tests) alone. */
    public static synchronized void reset() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException("cannot read the logging configuration", e);
        }
    }
}
