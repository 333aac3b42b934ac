package io.taskstream.launcher.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the example tasks' {@code tls} and {@code http} actions check during the demo, on loopback only:
 * {@code https://127.0.0.1:18443} with {@code examples/demo-servers/registry.p12} and
 * {@code http://127.0.0.1:18080/health}.
 */
public final class DemoServers {
    public static final int TLS_PORT = 18443;
    public static final int HTTP_PORT = 18080;

    private DemoServers() {
    }

    /** @return lines to print: what listens where, or why it could not */
    public static Future<List<String>> start(Vertx vertx, Path examples) {
        HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(TLS_PORT)
                        .setSsl(true).setKeyCertOptions(new KeyStoreOptions().setType("PKCS12")
                                .setPath(examples.resolve("demo-servers/registry.p12").toString())
                                .setPassword("taskstream-demo")))
                .requestHandler(r -> r.response().end("registry\n"));
        HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(HTTP_PORT))
                .requestHandler(r -> r.response().setStatusCode(r.path().equals("/health") ? 200 : 404)
                        .end(r.path().equals("/health") ? "ok" : "not found"));
        List<String> lines = new ArrayList<>();
        return Future.join(listen(tls, "https://127.0.0.1:" + TLS_PORT + " (certificate for old-registry.local)", lines),
                listen(http, "http://127.0.0.1:" + HTTP_PORT + "/health", lines)).transform(x -> Future.succeededFuture(lines));
    }

    private static Future<?> listen(HttpServer server, String what, List<String> lines) {
        return server.listen().onSuccess(s -> lines.add("serving    " + what))
                .onFailure(e -> lines.add("not serving " + what + ": " + e.getMessage()));
    }
}
