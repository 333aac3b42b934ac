package io.taskstream.launcher.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * Serves a process's probes and metrics: {@code GET /health/live}, {@code GET /health/ready} (200 or 503 with
 * {@code {"status":...,"checks":{...}}}) and {@code GET /metrics} (Prometheus text format).
 */
public final class HealthServer {
    private static final String JSON = "application/json";

    private final Vertx vertx;
    private final Supplier<Liveness> liveness;
    private final java.util.Map<String, ReadinessCheck> checks;
    private final PrometheusMeterRegistry registry;
    private HttpServer server;

    /**
     * @param liveness where the process's services are
     * @param checks   what readiness asks besides the services, by name in the probe's body (the broker; the
     *                 task repo where a service of the process uses it); closed with this server
     * @param registry the process's meters
     */
    public HealthServer(Vertx vertx, Supplier<Liveness> liveness, java.util.Map<String, ReadinessCheck> checks,
                        PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.liveness = liveness;
        this.checks = new java.util.LinkedHashMap<>(checks);
        this.registry = registry;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public Future<Void> start(String host, int port) {
        return vertx.createHttpServer().requestHandler(this::handle).listen(port, host)
                .onSuccess(s -> server = s).mapEmpty();
    }

    /** The port listened on, once started. */
    public int actualPort() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(() -> vertx.executeBlocking(() -> {
            checks.values().forEach(ReadinessCheck::close);
            return null;
        })).mapEmpty();
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != io.vertx.core.http.HttpMethod.GET) {
            request.response().setStatusCode(405).end();
            return;
        }
        switch (request.path()) {
            case "/health/live" -> live(request);
            case "/health/ready" -> ready(request);
            case "/metrics" -> request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape());
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void live(HttpServerRequest request) {
        Liveness now = liveness.get();
        JsonObject body = new JsonObject().put("status", now.alive() ? "up" : "down");
        if (!now.alive()) {
            body.put("services", now.name().toLowerCase());
        }
        request.response().setStatusCode(now.alive() ? 200 : 503).putHeader("content-type", JSON).end(body.encode());
    }

    private void ready(HttpServerRequest request) {
        vertx.executeBlocking(this::problems).onComplete(result -> {
            Liveness now = liveness.get();
            JsonObject body = new JsonObject();
            boolean servicesUp = now == Liveness.STARTED;
            body.put("services", servicesUp ? new JsonObject().put("status", "up")
                    : new JsonObject().put("status", "down").put("reason", "services " + now.name().toLowerCase()));
            boolean up = servicesUp && result.succeeded();
            for (String name : checks.keySet()) {
                String problem = result.succeeded() ? result.result().get(name) : String.valueOf(result.cause());
                body.put(name, problem == null ? new JsonObject().put("status", "up")
                        : new JsonObject().put("status", "down").put("reason", problem));
                up &= problem == null;
            }
            request.response().setStatusCode(up ? 200 : 503).putHeader("content-type", JSON)
                    .end(new JsonObject().put("status", up ? "up" : "down").put("checks", body).encode());
        });
    }

    /** Each check's problem by name; a usable one is absent. */
    private java.util.Map<String, String> problems() {
        java.util.Map<String, String> problems = new java.util.HashMap<>();
        checks.forEach((name, check) -> {
            String problem = check.problem();
            if (problem != null) {
                problems.put(name, problem);
            }
        });
        return problems;
    }
}
