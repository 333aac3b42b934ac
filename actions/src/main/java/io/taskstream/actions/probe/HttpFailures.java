package io.taskstream.actions.probe;

import io.taskstream.actions.StepResult.Failed;
import io.taskstream.task.action.HttpAction;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** Why an HTTP request got no answer, as a reason a person can act on. All are worth another try. */
final class HttpFailures {
    private HttpFailures() {
    }

    static Failed of(String request, HttpAction a, Throwable error, long millis) {
        String host = a.url().getHost();
        int port = a.url().getPort() >= 0 ? a.url().getPort() : "https".equals(a.url().getScheme()) ? 443 : 80;
        String address = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        if (error instanceof HttpConnectTimeoutException) {
            return Probes.timedOut(request + " could not connect to " + address + " within "
                    + Probes.human(a.timeout()), millis);
        }
        if (error instanceof HttpTimeoutException) {
            return Probes.timedOut(request + " did not answer within " + Probes.human(a.timeout()), millis);
        }
        if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
            return Failed.found(request + " failed: " + host + " does not resolve to an address", millis, "");
        }
        if (has(error, ConnectException.class)) {
            return Failed.found(request + " failed: nothing accepts connections on " + address
                    + " (connection refused)", millis, "");
        }
        if (has(error, SSLHandshakeException.class)) {
            return Failed.found(request + " failed its TLS handshake: " + Probes.rootMessage(error)
                    + " (checked against the JDK's default trust store)", millis, "");
        }
        return Failed.found(request + " failed: " + Probes.rootMessage(error), millis, "");
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
