package io.taskstream.runtime.logging;

import org.slf4j.MDC;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The ids a log line carries when they are known: {@value #SERVICE}, {@value #INSTANCE}, {@value #TASK} and
 * {@value #RUN}, kept in the SLF4J MDC. The MDC belongs to a thread, and a task's work moves between threads
 * (poll thread, partition lanes, the keyed pool, completions of futures): whoever hands work to another thread
 * {@link #capture captures} the context and the work {@link #install installs} it where it runs.
 */
public final class LogContext {
    /** The service: scanner, executor, verifier, reporter. */
    public static final String SERVICE = "service";
    /** The instance of the service (its configured {@code instance}). */
    public static final String INSTANCE = "instance";
    /** The task id. */
    public static final String TASK = "task";
    /** The run id. */
    public static final String RUN = "run";

    private LogContext() {
    }

    /** Restores what the MDC held before; closing twice does nothing more. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The service and instance as MDC entries. */
    public static Map<String, String> service(String service, String instance) {
        return of(SERVICE, service, INSTANCE, instance);
    }

    /** Entries from key, value pairs; pairs whose value is null are left out. */
    public static Map<String, String> of(String... keysAndValues) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                entries.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return entries;
    }

    /** What this thread's MDC holds now, to be installed where the work goes on. */
    public static Map<String, String> capture() {
        Map<String, String> now = MDC.getCopyOfContextMap();
        return now == null ? Map.of() : now;
    }

    /** Adds {@code entries} to this thread's MDC until the scope closes; values they replace come back then. */
    public static Scope put(Map<String, String> entries) {
        Map<String, String> before = new HashMap<>();
        entries.forEach((k, v) -> {
            before.put(k, MDC.get(k));
            MDC.put(k, v);
        });
        return () -> before.forEach((k, v) -> {
            if (v == null) {
                MDC.remove(k);
            } else {
                MDC.put(k, v);
            }
        });
    }

    /** Makes {@code context} this thread's whole MDC until the scope closes; then what it held comes back. */
    public static Scope install(Map<String, String> context) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        set(context);
        return () -> set(before);
    }

    private static void set(Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    /** Runs {@code work} here with the four ids added to the MDC (null ones left out). */
    public static void run(String service, String instance, String taskId, String runId, Runnable work) {
        try (Scope s = put(of(SERVICE, service, INSTANCE, instance, TASK, taskId, RUN, runId))) {
            work.run();
        }
    }

    /** {@code work} running, on whatever thread, with the context this thread has now. */
    public static Runnable wrap(Runnable work) {
        return wrap(capture(), work);
    }

    /** {@code work} running, on whatever thread, with {@code context} as its MDC. */
    public static Runnable wrap(Map<String, String> context, Runnable work) {
        return () -> {
            try (Scope s = install(context)) {
                work.run();
            }
        };
    }

    /** {@code work} running, on whatever thread, with the context this thread has now. */
    public static <T> Callable<T> wrap(Callable<T> work) {
        Map<String, String> context = capture();
        return () -> {
            try (Scope s = install(context)) {
                return work.call();
            }
        };
    }
}
