package io.taskstream.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An HTTPS server on 127.0.0.1 whose self-signed certificate names what the test says, made with the JDK's keytool. */
final class LoopbackTlsServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private LoopbackTlsServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** @param san the subjectAltName as keytool writes it, e.g. {@code dns:old-registry.local} */
    static LoopbackTlsServer serving(Path dir, String san) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=registry", "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setKeyCertOptions(new KeyStoreOptions().setType("PKCS12").setPath(store.toString())
                                .setPassword("changeit")))
                .requestHandler(r -> r.response().end("registry\n"));
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new LoopbackTlsServer(vertx, server);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
