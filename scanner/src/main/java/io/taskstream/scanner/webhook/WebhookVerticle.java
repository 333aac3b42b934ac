package io.taskstream.scanner.webhook;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git webhook endpoint: a push to the task repo's branch on GitHub, Gitea/Forgejo or GitLab becomes a
 * {@code scan.requested} (trigger {@code webhook:<provider>}, not full), answered with 202 once the broker has it.
 *
 * <p>Endpoints: {@code POST /hooks/github}, {@code POST /hooks/gitea} (Forgejo too), {@code POST /hooks/gitlab},
 * {@code GET /health}. A provider without a configured secret answers 404. See {@link WebhookConfig} for the settings,
 * {@link Triage} for the order of the checks and {@link Deliveries} for duplicate deliveries (remembered per
 * instance only). Publishing runs on a worker thread; the event loop never waits for the broker. A client that
 * sends nothing for the idle timeout, or does not get a whole request across within the body deadline, is
 * disconnected ({@link RequestDeadlines}).
 */
public final class WebhookVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);

    private final WebhookConfig config;
    private Triage triage;
    private EventPublisher publisher;
    private ScanRequests scans;
    private HttpServer server;
    private RequestDeadlines deadlines;

    /** @param config where the endpoint listens, which pushes it accepts and where it requests scans */
    public WebhookVerticle(WebhookConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public Future<?> start() {
        triage = new Triage(config, new Deliveries(Deliveries.DEFAULT_CAPACITY));
        deadlines = new RequestDeadlines(vertx, config.bodyDeadline().toMillis());
        return vertx.executeBlocking(() -> {
            publisher = new EventPublisher(config.kafka().bootstrapServers(), "webhook-" + config.instance(),
                    new EventCodec(), config.kafka().clientProperties());
            scans = new ScanRequests(publisher, config.kafka().topics(),
                    Source.of("webhook", config.instance()));
            return null;
        }).compose(v -> vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                        .setIdleTimeout((int) config.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectionHandler(deadlines::opened)
                .requestHandler(request -> logged(null, () -> handle(request)))
                .listen()
        ).onSuccess(s -> {
            server = s;
            LOG.info("Webhook listening on {}:{} with {}", config.host(), s.actualPort(), config);
        }).recover(e -> closePublisher().transform(closed -> Future.failedFuture(e)));
    }

    /** The port the endpoint listens on (the chosen one when the config said 0). */
    public int actualPort() {
        if (server == null) {
            throw new IllegalStateException("the webhook is not started");
        }
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(this::closePublisher);
    }

    private Future<Void> closePublisher() {
        return vertx.executeBlocking(() -> {
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
            return null;
        });
    }

    private void handle(HttpServerRequest request) {
        deadlines.started(request);
        String path = request.path();
        if (path.equals("/health")) {
            respond(request, request.method() == HttpMethod.GET ? WebhookResponse.up()
                    : WebhookResponse.methodNotAllowed(request.method().name(), "GET"));
            return;
        }
        Optional<Provider> provider = Provider.forPath(path);
        if (provider.isEmpty()) {
            respond(request, WebhookResponse.notFound("no endpoint at " + path));
        } else if (request.method() != HttpMethod.POST) {
            respond(request, WebhookResponse.methodNotAllowed(request.method().name(), "POST"));
        } else if (config.secret(provider.get()).isEmpty()) {
            respond(request, WebhookResponse.notFound(provider.get().id() + " provider not configured"));
        } else {
            BoundedBody.read(request, config.maxBodyBytes()).onComplete(body -> logged(null, () -> {
                if (body.succeeded()) {
                    deadlines.read(request);
                    receive(request, provider.get(), body.result());
                } else if (body.cause() instanceof BoundedBody.TooLarge) {
                    LOG.warn("Refused a {} delivery: body exceeds {} bytes", provider.get().id(), config.maxBodyBytes());
                    WebhookResponse.tooLarge(config.maxBodyBytes()).send(request.response())
                            .onComplete(sent -> request.connection().close());
                } else {
                    LOG.warn("Lost a {} delivery while reading it", provider.get().id(), body.cause());
                    request.connection().close();
                }
            }));
        }
    }

    private void receive(HttpServerRequest request, Provider provider, Buffer body) {
        Triage.Verdict verdict = triage.inspect(provider, config.secret(provider).orElseThrow(), request.headers(), body);
        if (verdict instanceof Triage.Scan scan) {
            requestScan(request, scan);
        } else if (verdict instanceof Triage.Answer answer) {
            WebhookResponse response = answer.response();
            if (response.status() >= 400) {
                LOG.warn("{} delivery {}: {} {}", provider.id(), provider.delivery(request.headers()),
                        response.status(), response.body().getString("reason"));
            } else {
                LOG.info("{} delivery {}: {} {}", provider.id(), provider.delivery(request.headers()),
                        response.outcome(), Optional.ofNullable(response.body().getString("reason")).orElse(""));
            }
            respond(request, response);
        }
    }

    private void requestScan(HttpServerRequest request, Triage.Scan scan) {
        String runId = ScanRequests.newRunId();
        vertx.executeBlocking(() -> {
            scans.request(runId, scan.provider().trigger(), false, ExecutionOptions.defaults());
            return runId;
        }, false).onComplete(published -> logged(runId, () -> {
            if (published.succeeded()) {
                LOG.info("{} delivery {}: push of {} to {} at {}, scan requested, run {}", scan.provider().id(),
                        scan.delivery(), scan.push().repositoryIds(), scan.push().ref(), scan.push().after(), runId);
                respond(request, WebhookResponse.accepted(runId, scan.delivery()));
            } else {
                LOG.error("{} delivery {}: could not request a scan", scan.provider().id(), scan.delivery(),
                        published.cause());
                triage.forget(scan);
                respond(request, WebhookResponse.unavailable("could not request a scan: "
                        + published.cause().getMessage()));
            }
        }));
    }

    /** Runs {@code work} with this endpoint's service and instance (and the run, once there is one) on its log lines. */
    private void logged(String runId, Runnable work) {
        io.taskstream.runtime.logging.LogContext.run("scanner", config.instance(), null, runId, work);
    }

    private static void respond(HttpServerRequest request, WebhookResponse response) {
        if (!request.response().ended() && !request.response().closed()) {
            response.send(request.response());
        }
    }
}
