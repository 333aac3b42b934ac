package io.taskstream.reporter.status;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The live status page over HTTP: {@code GET /} the page, {@code GET /status.json} the latest snapshot,
 * {@code GET /events} server-sent events carrying every new snapshot, {@code GET /reports/<file>} a report file
 * from the reports directory (a plain file name only: nothing outside the directory is served). Runs on the
 * event loop of the verticle that created it; {@link #update} must be called there too.
 */
public final class StatusServer {
    /** Report files by name: no separators, no leading dot, a report's extension. */
    private static final Pattern REPORT_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(html|md|json)");
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final Vertx vertx;
    private final Path reportsDir;
    private final Set<HttpServerResponse> streams = new LinkedHashSet<>();
    private String snapshot = "{\"runs\":[],\"tasks\":[],\"events\":[]}";
    private HttpServer server;
    private long keepAlive = -1;

    public StatusServer(Vertx vertx, Path reportsDir) {
        this.vertx = vertx;
        this.reportsDir = reportsDir.toAbsolutePath().normalize();
    }

    /** Listens on {@code host:port} (port 0: any free port); completes with the port bound. */
    public Future<Integer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.get("/").handler(this::page);
        router.get("/status.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(snapshot));
        router.get("/events").handler(this::events);
        router.get("/reports/:file").handler(this::report);
        keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, id -> streams.forEach(s -> s.write(": keep-alive\n\n")));
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    /** A new snapshot (JSON): served from now on and pushed to every open event stream. */
    public void update(String json) {
        snapshot = json;
        String event = "data: " + json + "\n\n";
        streams.forEach(s -> s.write(event));
    }

    public Future<Void> close() {
        vertx.cancelTimer(keepAlive);
        streams.forEach(HttpServerResponse::end);
        streams.clear();
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void page(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                .end(StatusPage.html(snapshot));
    }

    private void events(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store");
        streams.add(response);
        response.closeHandler(v -> streams.remove(response));
        response.write("retry: 2000\n\ndata: " + snapshot + "\n\n");
    }

    private void report(RoutingContext ctx) {
        String name = ctx.pathParam("file");
        Path file = name == null || !REPORT_NAME.matcher(name).matches() ? null
                : reportsDir.resolve(name).normalize();
        if (file == null || !reportsDir.equals(file.getParent()) || !Files.isRegularFile(file)) {
            ctx.response().setStatusCode(404).end("not found\n");
            return;
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".json") ? "application/json; charset=utf-8" : "text/markdown; charset=utf-8";
        ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", "no-store")
                .sendFile(file.toString());
    }
}
