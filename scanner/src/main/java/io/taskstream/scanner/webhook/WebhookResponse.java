package io.taskstream.scanner.webhook;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What the webhook answers: a status code and a small JSON body whose {@code status} says what became of the
 * delivery ({@code accepted}, {@code ignored}, {@code duplicate}, {@code pong}, {@code rejected}, {@code invalid},
 * {@code error}, {@code up}) and, unless accepted, a human-readable {@code reason}. Git hosts show the body in their
 * delivery log, so the reason is written for the person looking there.
 */
public record WebhookResponse(int status, JsonObject body, Map<String, String> headers) {

    public WebhookResponse {
        body = body.copy();
        headers = Map.copyOf(headers);
    }

    /** A scan was requested: the broker has the scan.requested of run {@code runId}. */
    static WebhookResponse accepted(String runId, String delivery) {
        JsonObject body = new JsonObject().put("status", "accepted").put("runId", runId);
        if (delivery != null) {
            body.put("delivery", delivery);
        }
        return of(202, body);
    }

    /** A valid delivery that asks for nothing (another event, repository or branch). */
    static WebhookResponse ignored(String reason) {
        return of(202, status("ignored", reason));
    }

    /** A delivery seen recently: its scan was already requested. */
    static WebhookResponse duplicate(String delivery) {
        return of(202, new JsonObject().put("status", "duplicate").put("delivery", delivery));
    }

    static WebhookResponse pong() {
        return of(200, new JsonObject().put("status", "pong"));
    }

    /** The signature or token is missing or wrong. */
    static WebhookResponse rejected(String reason) {
        return of(401, status("rejected", reason));
    }

    static WebhookResponse invalid(String reason) {
        return of(400, status("invalid", reason));
    }

    static WebhookResponse tooLarge(long maxBodyBytes) {
        return new WebhookResponse(413, status("rejected", "body exceeds " + maxBodyBytes + " bytes"),
                Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    /** The request was not read whole in time; the connection is closed after this answer. */
    static WebhookResponse timedOut(long deadlineMillis) {
        return new WebhookResponse(408, status("error", "request not received within " + deadlineMillis + " ms"),
                Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    static WebhookResponse notFound(String reason) {
        return of(404, status("error", reason));
    }

    static WebhookResponse methodNotAllowed(String method, String allowed) {
        return new WebhookResponse(405, status("error", "method " + method + " not allowed, use " + allowed),
                Map.of(HttpHeaders.ALLOW.toString(), allowed));
    }

    /** The scan could not be requested; the host may redeliver later. */
    static WebhookResponse unavailable(String reason) {
        return of(503, status("error", reason));
    }

    static WebhookResponse up() {
        return of(200, new JsonObject().put("status", "up"));
    }

    /** Writes this response and ends it. */
    Future<Void> send(HttpServerResponse response) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        headers.forEach(response::putHeader);
        return response.end(body.encode());
    }

    /** The {@code status} field of the body. */
    String outcome() {
        return body.getString("status");
    }

    private static WebhookResponse of(int status, JsonObject body) {
        return new WebhookResponse(status, body, Map.of());
    }

    private static JsonObject status(String status, String reason) {
        return new JsonObject().put("status", status).put("reason", reason);
    }
}
