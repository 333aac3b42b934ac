package io.taskstream.reporter.status;

import io.taskstream.events.envelope.Envelope;
import io.taskstream.reporter.Events;
import io.taskstream.reporter.SampleRun;
import io.taskstream.reporter.session.SessionLedger;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status snapshot of the sample run at three moments: scanned, half-way, finished. */
class StatusSnapshotTest {
    private static final Instant NOW = Instant.parse("2025-06-14T10:00:00Z");

    @Test
    void rightAfterTheScanTheReadyTasksAreQueuedInPriorityOrderAndTheOthersWait() {
        JsonObject s = snapshotUntil(4, Map.of());

        assertThat(task(s, "TASK-001").getString("state")).isEqualTo("queued");
        assertThat(task(s, "TASK-001").getInteger("position")).isEqualTo(1);
        assertThat(task(s, "TASK-002").getInteger("position")).isEqualTo(2);
        assertThat(task(s, "TASK-003").getString("state")).isEqualTo("waiting");
        assertThat(task(s, "TASK-003").getJsonArray("waitingOn")).containsExactly("TASK-001");
        assertThat(task(s, "TASK-003").getBoolean("heldBack")).isFalse();
        assertThat(s.getJsonArray("runs").getJsonObject(0).getBoolean("finished")).isFalse();
        assertThat(s.getString("updated")).isEqualTo(NOW.toString());
    }

    @Test
    void halfWayTheRunningTasksShowTheirCurrentCriterion() {
        JsonObject s = snapshotUntil(44, Map.of());

        assertThat(task(s, "TASK-001").getString("state")).isEqualTo("completed");
        JsonObject build = task(s, "TASK-002");
        assertThat(build.getString("state")).isEqualTo("running");
        assertThat(build.getString("title")).isEqualTo(SampleRun.TASK_002.title());
        assertThat(build.getJsonObject("criterion").getInteger("number")).isEqualTo(1);
        assertThat(build.getJsonObject("criterion").getString("phase")).isEqualTo("running");
        assertThat(build.getJsonObject("criterion").getString("text")).isEqualTo(SampleRun.BUILD.text());
        assertThat(task(s, "TASK-003").getJsonObject("criterion").getString("phase"))
                .isEqualTo("awaiting_verification");
        assertThat(task(s, "TASK-004").getString("state")).isEqualTo("waiting");
    }

    @Test
    void whenTheRunFinishedBlockedTasksCarryTheirReasonAndTheReportIsLinked() {
        JsonObject s = snapshotUntil(1_000, Map.of(SampleRun.RUN_ID, "session-x.html"));

        JsonObject blocked = task(s, "TASK-002");
        assertThat(blocked.getString("state")).isEqualTo("blocked");
        assertThat(blocked.getString("reason")).isEqualTo(SampleRun.BLOCK_REASON);
        assertThat(task(s, "TASK-004").getBoolean("heldBack")).isTrue();
        assertThat(task(s, "TASK-003").getString("state")).isEqualTo("completed");
        JsonObject run = s.getJsonArray("runs").getJsonObject(0);
        assertThat(run.getBoolean("finished")).isTrue();
        assertThat(run.getString("report")).isEqualTo("reports/session-x.html");
        assertThat(run.getLong("completed")).isEqualTo(2);
        JsonArray events = s.getJsonArray("events");
        assertThat(events).as("every event of the run: fewer than the cap").hasSize(30);
        assertThat(events.getJsonObject(events.size() - 1).getString("text"))
                .isEqualTo("blocked: " + SampleRun.BLOCK_REASON);
    }

    @Test
    void theNewestRunComesFirstAndItsTasksAreShown() {
        SessionLedger ledger = new SessionLedger();
        SampleRun.events().forEach(ledger::apply);
        ledger.apply(new Events("run-later").scanRequested(86_400));

        JsonObject s = StatusSnapshot.of(ledger, Map.of(), NOW);

        assertThat(s.getJsonArray("runs").getJsonObject(0).getString("runId")).isEqualTo("run-later");
        assertThat(s.getJsonArray("runs").getJsonObject(1).getString("runId")).isEqualTo(SampleRun.RUN_ID);
        assertThat(s.getJsonArray("tasks")).as("the finished older run is not current").isEmpty();
    }

    private static JsonObject snapshotUntil(int seconds, Map<String, String> reports) {
        SessionLedger ledger = new SessionLedger();
        for (Envelope<?> e : SampleRun.events()) {
            if (e.time().isBefore(Events.T0.plusSeconds(seconds))) {
                ledger.apply(e);
            }
        }
        return StatusSnapshot.of(ledger, reports, NOW);
    }

    private static JsonObject task(JsonObject snapshot, String id) {
        return snapshot.getJsonArray("tasks").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("task").equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }
}
