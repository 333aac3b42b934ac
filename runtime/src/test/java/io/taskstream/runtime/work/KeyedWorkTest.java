package io.taskstream.runtime.work;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyedWorkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final KeyedWork work = new KeyedWork(4, "test");

    @AfterEach
    void close() {
        work.close();
    }

    @Test
    void differentKeysRunSideBySideUpToTheConcurrency() throws Exception {
        CountDownLatch allIn = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            work.submit("g", "key-" + i, () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                allIn.countDown();
                release.await();
                running.decrementAndGet();
            });
        }
        assertThat(allIn.await(10, TimeUnit.SECONDS)).as("four keys started together").isTrue();
        release.countDown();
        assertThat(work.closeGroup("g", WAIT)).isTrue();
        assertThat(most.get()).isEqualTo(4);
    }

    @Test
    void oneKeyNeverRunsTwiceAtOnceAndAsksMeanwhileCollapseIntoOneMoreRun() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        List<Integer> overlaps = new CopyOnWriteArrayList<>();
        KeyedWork.Job job = () -> {
            overlaps.add(concurrent.incrementAndGet());
            if (runs.incrementAndGet() == 1) {
                inFirst.countDown();
                release.await();
            }
            concurrent.decrementAndGet();
        };
        work.submit("g", "k", job);
        assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            work.submit("g", "k", job);
        }
        release.countDown();
        await().atMost(WAIT).until(() -> runs.get() >= 2);
        assertThat(work.closeGroup("g", WAIT)).isTrue();
        assertThat(runs.get()).isEqualTo(2);
        assertThat(overlaps).containsOnly(1);
    }

    @Test
    void aFailingJobIsRunAgainUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        work.submit("g", "k", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        });
        await().atMost(WAIT).until(() -> attempts.get() == 3);
        assertThat(work.closeGroup("g", WAIT)).isTrue();
    }

    @Test
    void aClosedGroupTakesNoMoreWorkAndDropsItsRetries() {
        AtomicInteger attempts = new AtomicInteger();
        work.submit("g", "k", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("always");
        });
        await().atMost(WAIT).until(() -> attempts.get() >= 1);
        assertThat(work.closeGroup("g", WAIT)).as("a retry waiting is not waited for").isTrue();
        int atClose = attempts.get();
        work.submit("g", "other", attempts::incrementAndGet);
        AtomicInteger elsewhere = new AtomicInteger();
        work.submit("h", "k", elsewhere::incrementAndGet);
        await().atMost(WAIT).until(() -> elsewhere.get() == 1);
        assertThat(attempts.get()).isEqualTo(atClose);
    }
}
