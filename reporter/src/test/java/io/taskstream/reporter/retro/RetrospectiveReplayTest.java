package io.taskstream.reporter.retro;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.CriterionFailed;
import io.taskstream.events.data.CriterionRetry;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.events.data.VerificationFailed;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.reporter.Events;
import io.taskstream.reporter.replay.Replay;
import io.taskstream.reporter.retro.Retrospective.BlockedTask;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.testkit.BrokerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.taskstream.reporter.Events.criterion;
import static io.taskstream.reporter.Events.sha;
import static io.taskstream.reporter.Events.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs on a real broker, replayed into a retrospective. Run 1: TASK-010's build command fails twice and the
 * task is blocked; TASK-011's command succeeds while its check fails twice (the trap) and it is blocked; TASK-012
 * fails once and passes on its retry. Run 2, a day later: TASK-010, cleared, passes at once; TASK-011 stays
 * blocked.
 */
class RetrospectiveReplayTest {
    private static final Topics TOPICS = Topics.withPrefix("retro");
    private static final String RUN_1 = "run-1";
    private static final String RUN_2 = "run-2";
    private static final CriterionSpec BUILD = criterion(1, "Images built", false, List.of("make images"),
            List.of("test -s images.txt"), List.of());
    private static final CriterionSpec CERT = criterion(1, "Certificate regenerated", false,
            List.of("echo regenerated"), List.of("grep -q 'IP:127.0.0.1' stale.san"), List.of());
    private static final CriterionSpec ROLLOUT = criterion(1, "Rolled out", false,
            List.of("kubectl rollout status deploy/api"), List.of("true"), List.of());
    private static final TaskSnapshot T10 = task("TASK-010", "Build images", "high", "build", List.of(), BUILD);
    private static final TaskSnapshot T11 = task("TASK-011", "Regenerate the certificate", "high", "configuration",
            List.of(), CERT);
    private static final TaskSnapshot T12 = task("TASK-012", "Roll out", "medium", "deployment", List.of(), ROLLOUT);

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @BeforeAll
    static void publishTwoRuns() {
        kafka.createTopics(TOPICS.layout(3));
        List<Envelope<?>> events = new ArrayList<>(firstRun());
        events.addAll(secondRun());
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec())) {
            events.forEach(e -> publisher.publishAndWait(TOPICS.events(), e));
            publisher.publishAndWait(TOPICS.events(), events.get(5)); // a duplicate counts once
        }
    }

    private static List<Envelope<?>> firstRun() {
        Events e = new Events(RUN_1);
        List<Envelope<?>> out = new ArrayList<>();
        out.add(e.scanRequested(0));
        out.add(e.scanCompleted(1, List.of("TASK-010", "TASK-011", "TASK-012"), List.of(), List.of(), List.of()));
        out.add(e.ready(2, T10, 1));
        out.add(e.ready(2, T11, 2));
        out.add(e.ready(2, T12, 3));
        out.add(e.started(10, "TASK-010", BUILD, 1));
        out.add(failed(e, 12, "TASK-010", BUILD, 1, FailureCause.RUN_FAILED, "make: *** [images] Error 2", true));
        out.add(e.at(14, "TASK-010", new CriterionRetry(1, BUILD.text(), 2, Events.T0.plusSeconds(14),
                FailureCause.RUN_FAILED)));
        out.add(e.started(14, "TASK-010", BUILD, 2));
        out.add(failed(e, 16, "TASK-010", BUILD, 2, FailureCause.RUN_FAILED, "make: *** [images] Error 2", false));
        out.add(e.blocked(17, T10, "criterion 1 failed after 2 attempts", List.of("1: make failed"), sha("b10")));
        for (int attempt = 1; attempt <= 2; attempt++) {
            long s = 20 + attempt * 10L;
            out.add(e.started(s, "TASK-011", CERT, attempt));
            out.add(e.ran(s + 1, "TASK-011", CERT, attempt, 40, "regenerated\n"));
            out.add(e.at(s + 2, "TASK-011", new VerificationFailed(1, CERT.text(), attempt, 1, "",
                    "the server still serves a certificate for 127.0.0.9", false)));
            out.add(failed(e, s + 3, "TASK-011", CERT, attempt, FailureCause.VERIFICATION_FAILED,
                    "the server still serves a certificate for 127.0.0.9", attempt == 1));
        }
        out.add(e.blocked(55, T11, "criterion 1 failed verification after 2 attempts", List.of("1: check failed"),
                sha("b11")));
        out.add(e.started(60, "TASK-012", ROLLOUT, 1));
        out.add(failed(e, 61, "TASK-012", ROLLOUT, 1, FailureCause.TIMED_OUT, "timed out after 60 s", true));
        out.add(e.started(70, "TASK-012", ROLLOUT, 2));
        out.add(e.ran(75, "TASK-012", ROLLOUT, 2, 5000, "rolled out\n"));
        out.add(e.verified(76, "TASK-012", ROLLOUT, 2, sha("v12")));
        out.add(e.completed(77, T12, sha("c12")));
        return out;
    }

    private static List<Envelope<?>> secondRun() {
        Events e = new Events(RUN_2);
        long day = 86_400;
        List<Envelope<?>> out = new ArrayList<>();
        out.add(e.scanRequested(day));
        out.add(e.scanCompleted(day + 1, List.of("TASK-010"), List.of(), List.of(), List.of()));
        out.add(e.ready(day + 2, T10, 1));
        out.addAll(e.runsAndCompletes(day + 10, T10));
        return out;
    }

    private static Envelope<CriterionFailed> failed(Events e, long s, String task, CriterionSpec c, int attempt,
                                                    FailureCause cause, String reason, boolean retry) {
        return e.at(s, task, new CriterionFailed(c.number(), c.text(), attempt, task + "-" + c.number() + "-" + attempt,
                cause, cause == FailureCause.RUN_FAILED ? 2 : -1, 2000, reason + "\n", reason,
                retry ? Events.T0.plusSeconds(s + 2) : null));
    }

    @Test
    void twoRunsNameTheFlakyCriteriaTheMostFailingCommandAndTheTrap(@TempDir Path dir) throws Exception {
        Replay replay = new Replay(kafka.bootstrapServers(), TOPICS.events(), Duration.ofSeconds(60));

        Retrospective r = replay.retrospective(null, 20).retrospective();

        assertThat(r.overview().runs()).isEqualTo(2);
        assertThat(r.overview().events()).isEqualTo(firstRun().size() + secondRun().size());
        assertThat(r.runs()).extracting(Retrospective.RunRow::runId).containsExactly(RUN_1, RUN_2);

        assertThat(r.flakyCriteria()).extracting(f -> f.taskId() + " " + f.withinRun() + "/" + f.acrossRuns())
                .containsExactlyInAnyOrder("TASK-010 0/1", "TASK-012 1/0");
        assertThat(r.mostFailingCommands().get(0).command()).isEqualTo("make images");
        assertThat(r.mostFailingCommands().get(0).failures()).isEqualTo(2);
        assertThat(r.mostFailingCriteria()).extracting(Retrospective.FailingCriterion::taskId)
                .containsExactly("TASK-010", "TASK-011", "TASK-012");

        assertThat(r.traps()).singleElement().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo("TASK-011");
            assertThat(t.count()).isEqualTo(2);
            assertThat(t.command()).isEqualTo("echo regenerated");
            assertThat(t.lastReason()).contains("127.0.0.9");
        });
        assertThat(r.overview().traps()).isEqualTo(2);

        // TASK-010 from its block until it was ready again; TASK-011 until the log's last event, still blocked.
        assertThat(r.blockedLongest()).extracting(BlockedTask::taskId).containsExactly("TASK-010", "TASK-011");
        assertThat(r.blockedLongest().get(0).stillBlocked()).isFalse();
        assertThat(r.blockedLongest().get(0).blockedMillis()).isEqualTo((86_400 + 2 - 17) * 1000L);
        assertThat(r.blockedLongest().get(1).stillBlocked()).isTrue();
        assertThat(r.blockedLongest().get(1).blockedMillis()).isEqualTo((86_400 + 13 - 55) * 1000L);

        assertThat(r.timeToVerify()).extracting(t -> t.taskType() + " " + t.criteria() + " " + t.meanMillis())
                .containsExactly("build 1 2000", "deployment 1 16000");

        Path md = new RetroFiles(dir, new EventCodec()).write(r);
        assertThat(Files.readString(md)).contains("## Flaky criteria", "TASK-012", "`make images`",
                "## Checks that failed after a successful command", "`echo regenerated`");
        assertThat(Files.readString(dir.resolve("retrospective.json"))).contains("\"mostFailingCommands\"",
                "\"traps\"");
    }

    @Test
    void decodingOnThePollingThreadOrOnAPoolGivesTheSameRetrospective() {
        Replay replay = new Replay(kafka.bootstrapServers(), TOPICS.events(), Duration.ofSeconds(60));

        Retrospective pooled = replay.decoders(3).retrospective(null, 20).retrospective();
        Retrospective inline = replay.decoders(0).retrospective(null, 20).retrospective();

        assertThat(pooled).isEqualTo(inline);
    }

    @Test
    void sinceLeavesOutWhatWasPublishedBefore() {
        Replay replay = new Replay(kafka.bootstrapServers(), TOPICS.events(), Duration.ofSeconds(60))
                .since(java.time.Instant.now().plusSeconds(3600));

        assertThat(replay.retrospective(null, 20).retrospective().overview().events()).isZero();
    }
}
