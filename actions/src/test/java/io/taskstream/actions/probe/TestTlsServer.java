package io.taskstream.actions.probe;

import io.taskstream.actions.probe.TestCertificates.Issued;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TLS server on 127.0.0.1 that serves one certificate chain: it completes each handshake, notes the SNI
 * name asked for, and hangs up.
 */
final class TestTlsServer implements AutoCloseable {
    static final InetAddress LOOPBACK = loopback();
    private static final char[] PASSWORD = "test".toCharArray();

    private final ServerSocket socket;
    private final Thread acceptor;
    /** The SNI host name of each completed handshake, {@code ""} when none was sent. */
    final BlockingQueue<String> sniNames = new LinkedBlockingQueue<>();

    private TestTlsServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::serve, "test-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TestTlsServer serving(Issued leaf, Issued ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("leaf", leaf.keys().getPrivate(), PASSWORD, new Certificate[] {leaf.cert(), ca.cert()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
        return new TestTlsServer(server);
    }

    int port() {
        return socket.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket client = (SSLSocket) socket.accept()) {
                client.setSoTimeout(10_000);
                client.startHandshake();
                sniNames.add(((ExtendedSSLSession) client.getSession()).getRequestedServerNames().stream()
                        .filter(SNIHostName.class::isInstance).map(n -> ((SNIHostName) n).getAsciiName())
                        .findFirst().orElse(""));
            } catch (IOException e) {
                // a client that gave up, or the server closing: take the next one
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(10_000);
    }

    /** A port on 127.0.0.1 that nothing listens on (bound a moment ago, then closed). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
