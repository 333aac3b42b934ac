package io.taskstream.actions.probe;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.task.action.TlsAction;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The check half of {@code tls: HOST:PORT names NAME [valid-days N]}: connects to HOST:PORT, reads the
 * certificate chain the server sends and judges its leaf: valid now, still valid N days from now, and NAME
 * among its subjectAltNames.
 *
 * <p>Nothing is trusted or distrusted: the chain is read, never verified against a CA, because homelab
 * services commonly serve self-signed or privately issued certificates. The check is about what is served,
 * not about who signed it; the issuer is reported so that a person can judge that.
 *
 * <p>SNI carries NAME when NAME is a DNS name, so a server hosting several names serves the one asked about.
 */
public final class TlsProbe {
    private final Clock clock;

    public TlsProbe() {
        this(Clock.systemUTC());
    }

    /** @param clock what "now" is when judging validity */
    public TlsProbe(Clock clock) {
        this.clock = clock;
    }

    /** @param timeout for connecting and the handshake together */
    public StepResult check(TlsAction a, Duration timeout) {
        long start = System.nanoTime();
        String address = a.address().toString();
        ChainCapture capture = new ChainCapture();
        String handshakeError = null;
        boolean connected = false;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(a.address().host(), a.address().port()), millisLeft(timeout, start));
            connected = true;
            plain.setSoTimeout(millisLeft(timeout, start));
            try (SSLSocket tls = (SSLSocket) context(capture).getSocketFactory()
                    .createSocket(plain, a.address().host(), a.address().port(), true)) {
                tls.setSSLParameters(withSni(tls.getSSLParameters(), a.name()));
                tls.startHandshake();
            }
        } catch (UnknownHostException e) {
            return Failed.found(a.address().host() + " does not resolve to an address (" + Probes.rootMessage(e)
                    + ")", Probes.millisSince(start), "");
        } catch (ConnectException e) {
            return Failed.found("nothing accepts connections on " + address + " (" + Probes.rootMessage(e) + ")",
                    Probes.millisSince(start), "");
        } catch (SocketTimeoutException e) {
            String what = connected ? " did not complete a TLS handshake within " : " did not accept a connection within ";
            return Probes.timedOut(address + what + Probes.human(timeout), Probes.millisSince(start));
        } catch (IOException e) {
            if (!connected) {
                return Failed.found("could not connect to " + address + ": " + Probes.rootMessage(e),
                        Probes.millisSince(start), "");
            }
            if (capture.chain().isEmpty()) {
                return Failed.found(address + " did not complete a TLS handshake: " + handshakeProblem(e),
                        Probes.millisSince(start), "");
            }
            // the certificate was served before the handshake failed (a server that wants a client
            // certificate, say): it can still be judged
            handshakeError = Probes.rootMessage(e);
        }
        return judge(a, address, capture.chain(), handshakeError, Probes.millisSince(start));
    }

    private StepResult judge(TlsAction a, String address, List<X509Certificate> chain, String handshakeError,
                             long millis) {
        if (chain.isEmpty()) {
            return Failed.found(address + " completed a TLS handshake without sending a certificate", millis, "");
        }
        ServedCertificate served = ServedCertificate.of(chain.get(0));
        String output = served.summary(address)
                + (handshakeError == null ? "" : "; the handshake then failed: " + handshakeError);
        Optional<String> problem = served.problem(address, a.name(), a.validDays(), clock.instant());
        if (problem.isPresent()) {
            return Failed.found(problem.get(), millis, output);
        }
        return new Done(millis, output, served.facts());
    }

    private static String handshakeProblem(IOException e) {
        String message = Probes.rootMessage(e);
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return message + " (the port answers, but not with TLS)";
        }
        if (message.contains("Remote host terminated the handshake") || message.contains("Connection reset")) {
            return message + " (the port closed the connection; is it TLS, and does it serve this name?)";
        }
        return message;
    }

    private static SSLContext context(ChainCapture capture) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {capture}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS client available in this JVM: " + e.getMessage(), e);
        }
    }

    private static SSLParameters withSni(SSLParameters params, String name) {
        if (SubjectNames.ipLiteral(name).isEmpty()) {
            String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            try {
                params.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException notAHostName) {
                // a name SNI cannot carry (a wildcard, say): send the connection's default instead
            }
        }
        return params;
    }

    private static int millisLeft(Duration timeout, long startNanos) {
        long left = timeout.toMillis() - Probes.millisSince(startNanos);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }
}
