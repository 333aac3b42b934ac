package io.taskstream.launcher.logging;

import io.taskstream.runtime.logging.LogContext;
import io.taskstream.runtime.work.KeyedWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job of {@link KeyedWork} logs with the ids of whoever asked for it, on whichever pool thread it runs, and
 * leaves none behind. (Here rather than in runtime: slf4j-simple, the other modules' test logging, keeps no MDC.)
 */
class KeyedWorkLogContextTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    // One thread, created by the first job: later jobs reuse it, so nothing reaches them by thread inheritance.
    private final KeyedWork work = new KeyedWork(1, "test");
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        work.close();
        MDC.clear();
    }

    @Test
    void aJobRunsWithTheContextOfTheThreadThatAskedForItAndLeavesNoneBehind() throws Exception {
        MDC.clear();
        runAndWait("first");

        try (LogContext.Scope s = LogContext.put(Map.of(LogContext.TASK, "TASK-001", LogContext.RUN, "run-7"))) {
            runAndWait("second");
        }
        runAndWait("third");

        assertThat(seen).containsExactly("first task=null run=null", "second task=TASK-001 run=run-7",
                "third task=null run=null");
        assertThat(MDC.get(LogContext.TASK)).as("the scope restored the caller's context").isNull();
    }

    @Test
    void aJobThatFailsIsRetriedWithItsContext() {
        MDC.clear();
        runAndWait("warm-up");
        seen.clear();
        try (LogContext.Scope s = LogContext.put(Map.of(LogContext.TASK, "TASK-002"))) {
            work.submit("g", "failing", () -> {
                seen.add("attempt task=" + MDC.get(LogContext.TASK));
                if (seen.size() < 2) {
                    throw new IllegalStateException("first attempt fails");
                }
            });
        }
        await().atMost(WAIT).until(() -> seen.size() == 2);
        assertThat(seen).containsOnly("attempt task=TASK-002");
    }

    private void runAndWait(String name) {
        CountDownLatch done = new CountDownLatch(1);
        work.submit("g", name, () -> {
            seen.add(name + " task=" + MDC.get(LogContext.TASK) + " run=" + MDC.get(LogContext.RUN));
            done.countDown();
        });
        try {
            assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
