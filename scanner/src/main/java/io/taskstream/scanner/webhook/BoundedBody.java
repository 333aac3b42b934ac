package io.taskstream.scanner.webhook;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body of at most a given size. A declared {@code Content-Length} above the limit fails at once,
 * before a byte of the body is read; otherwise bytes are counted as they stream in and the read fails as soon as the
 * count passes the limit, so no more than the limit is ever held in memory. After a failure the rest of the body is
 * read and dropped (not paused: unread bytes would make closing the connection reset it before the client reads the
 * answer).
 */
final class BoundedBody {

    /** The body is larger than allowed. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("body exceeds " + limit + " bytes", null, false, false);
        }
    }

    private BoundedBody() {
    }

    /** The whole body, or a failed future ({@link TooLarge}, or the connection's error). Call on the event loop. */
    static Future<Buffer> read(HttpServerRequest request, long limit) {
        if (declaredLength(request) > limit) {
            return Future.failedFuture(new TooLarge(limit));
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        Promise<Buffer> done = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                done.tryFail(new TooLarge(limit));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(done::tryFail);
        request.endHandler(v -> done.tryComplete(body));
        return done.future();
    }

    /** The declared length; -1 when none is declared (chunked) or it is not a number (Netty refuses those). */
    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
