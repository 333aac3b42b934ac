package io.taskstream.reporter;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.reporter.live.ReportLoop;
import io.taskstream.reporter.log.EventLogReader;
import io.taskstream.reporter.report.JsonReportWriter;
import io.taskstream.reporter.report.MarkdownReportWriter;
import io.taskstream.reporter.report.ReportFiles;
import io.taskstream.reporter.report.Summary;
import io.taskstream.reporter.report.WrittenReport;
import io.taskstream.reporter.status.StatusBoard;
import io.taskstream.reporter.status.StatusServer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/**
 * The reporter service. It reads the event topic from offset 0 of every partition at every start, without a
 * consumer group, folds every run and writes a run's report when the run is finished; then it publishes
 * {@value #RUN_FINISHED} with the paths and numbers. Starting from 0 each time is deliberate: live reporting
 * and a replay for a retrospective are the same code path, and rewriting an existing report gives the same
 * bytes.
 *
 * <p>With a status port in its {@link ReporterConfig} it also serves a live status page, computed from the same
 * fold (see {@link StatusServer}).
 *
 * <p>Message body: {@code {runId, markdown, json, html, tasks, processed, completed, blocked, withdrawn, planned,
 * waiting, invalid, criteriaMet, criteriaTotal}}, where {@code markdown} and {@code json} are the report files'
 * absolute paths, {@code tasks} counts the tasks the scan listed as ready, waiting or withdrawn and
 * {@code planned} the tasks a dry run planned (a dry run is finished once every ready task was planned).
 */
public final class ReporterVerticle extends VerticleBase {
    /** Event bus address of the finished-run announcements. */
    public static final String RUN_FINISHED = "taskstream.run.finished";

    /** At most this often a new status snapshot is built and pushed. */
    private static final long STATUS_INTERVAL_MILLIS = 250;

    private final ReporterConfig config;
    private ReportLoop loop;
    private Thread thread;
    private StatusServer status;
    private volatile int statusPort = -1;

    /** @param config the cluster to read, where reports go and where the status page is served */
    public ReporterVerticle(ReporterConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public Future<?> start() {
        // The Kafka client resolves the bootstrap addresses when it is built: off the event loop.
        return vertx.executeBlocking(() -> {
            EventCodec codec = new EventCodec();
            EventLogReader reader = new EventLogReader(config.kafka().bootstrapServers(),
                    config.kafka().topics().events(), "taskstream-" + config.instance(), codec,
                    config.kafka().clientProperties());
            ReportFiles files = new ReportFiles(config.reportsDir(), new MarkdownReportWriter(),
                    new JsonReportWriter(codec));
            if (config.statusPort() == null) {
                return new ReportLoop(reader, files, this::announce);
            }
            StatusBoard board = new StatusBoard(json -> context.runOnContext(v -> status.update(json)),
                    STATUS_INTERVAL_MILLIS, java.time.Clock.systemUTC());
            return new ReportLoop(reader, files, w -> {
                board.reported(w);
                announce(w);
            }, board::folded);
        }).compose(l -> {
            loop = l;
            if (config.statusPort() == null) {
                return Future.succeededFuture(l);
            }
            status = new StatusServer(vertx, config.reportsDir());
            return status.listen(config.statusHost(), config.statusPort()).map(port -> {
                statusPort = port;
                return l;
            });
        }).onSuccess(l -> {
            thread = new Thread(io.taskstream.runtime.logging.LogContext.wrap(
                    io.taskstream.runtime.logging.LogContext.service("reporter", config.instance()), l),
                    "taskstream-" + config.instance());
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The port the status page listens on; -1 when there is none (or the verticle has not started). */
    public int statusPort() {
        return statusPort;
    }

    private void announce(WrittenReport written) {
        Summary s = written.summary();
        JsonObject body = new JsonObject()
                .put("runId", written.runId())
                .put("markdown", written.markdown().toAbsolutePath().toString())
                .put("json", written.json().toAbsolutePath().toString())
                .put("html", written.html().toAbsolutePath().toString())
                .put("tasks", s.tasks())
                .put("processed", s.processed())
                .put("completed", s.completed())
                .put("blocked", s.blocked())
                .put("withdrawn", s.withdrawn())
                .put("planned", s.planned())
                .put("waiting", s.waiting())
                .put("invalid", s.invalid())
                .put("criteriaMet", s.criteriaMet())
                .put("criteriaTotal", s.criteriaTotal());
        context.runOnContext(v -> vertx.eventBus().publish(RUN_FINISHED, body));
    }

    @Override
    public Future<?> stop() {
        if (loop == null) {
            return Future.succeededFuture();
        }
        loop.stop();
        Future<Void> closed = status == null ? Future.succeededFuture() : status.close();
        return closed.compose(v -> vertx.executeBlocking(() -> {
            if (thread != null) {
                thread.join(10_000);
            }
            return null;
        }));
    }
}
