package io.taskstream.actions.probe;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A trust manager that trusts nothing and everything: it only records the chain the server sent, so that a
 * self-signed or privately issued certificate can still be read and judged by what it says.
 *
 * <p>It extends {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain {@code X509TrustManager}
 * in checks of its own (endpoint identity, algorithm constraints) that would fail the handshake before the
 * chain could be read.
 */
final class ChainCapture extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> chain = List.of();

    /** The chain the server sent, leaf first; empty until a handshake got that far. */
    List<X509Certificate> chain() {
        return chain;
    }

    private void capture(X509Certificate[] sent) {
        chain = sent == null ? List.of() : List.of(sent);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, Socket socket) {
        capture(sent);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, SSLEngine engine) {
        capture(sent);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType) {
        capture(sent);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] sent, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a probe does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] sent, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a probe does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] sent, String authType) throws CertificateException {
        throw new CertificateException("a probe does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
