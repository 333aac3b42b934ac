package io.taskstream.scanner.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps slow clients from holding connections: a request must arrive whole (line, headers, body) within the deadline
 * counted from the connection opening, or from the previous answer on it. A client still sending its line or
 * headers then is disconnected (there is no request to answer yet); one still sending its body is answered 408 and
 * disconnected. Used on the server's event loop only.
 */
final class RequestDeadlines {
    private record Timer(long id, long dueNanos) {
    }

    private final Vertx vertx;
    private final long deadlineMillis;
    private final Map<HttpConnection, Timer> timers = new HashMap<>();
    private final Set<HttpConnection> open = new HashSet<>();

    RequestDeadlines(Vertx vertx, long deadlineMillis) {
        this.vertx = vertx;
        this.deadlineMillis = deadlineMillis;
    }

    /** A new connection: its first request must arrive in time. */
    void opened(HttpConnection connection) {
        open.add(connection);
        connection.closeHandler(v -> {
            open.remove(connection);
            cancel(connection);
        });
        arm(connection, deadlineMillis, connection::close);
    }

    /**
     * A request's line and headers arrived: the rest of the deadline now bounds its body, and a 408 is written when
     * it passes. The next request's deadline starts when this one's answer has been written.
     */
    void started(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Timer previous = cancel(connection);
        long remaining = previous == null ? deadlineMillis
                : Math.max(1, (previous.dueNanos() - System.nanoTime()) / 1_000_000);
        arm(connection, remaining, () -> {
            if (!request.response().ended() && !request.response().closed()) {
                WebhookResponse.timedOut(deadlineMillis).send(request.response())
                        .onComplete(sent -> connection.close());
            } else {
                connection.close();
            }
        });
        request.response().endHandler(v -> {
            if (open.contains(connection)) {
                cancel(connection);
                arm(connection, deadlineMillis, connection::close);
            }
        });
    }

    /** The request's body was read whole: it is not a slow client. */
    void read(HttpServerRequest request) {
        cancel(request.connection());
    }

    private void arm(HttpConnection connection, long millis, Runnable onExpiry) {
        long id = vertx.setTimer(millis, t -> {
            Timer current = timers.get(connection);
            if (current != null && current.id() == t) {
                timers.remove(connection);
                onExpiry.run();
            }
        });
        timers.put(connection, new Timer(id, System.nanoTime() + millis * 1_000_000));
    }

    private Timer cancel(HttpConnection connection) {
        Timer timer = timers.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer.id());
        }
        return timer;
    }
}
