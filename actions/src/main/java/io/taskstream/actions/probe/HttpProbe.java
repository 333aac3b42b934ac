package io.taskstream.actions.probe;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.events.data.FailureCause;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.task.action.HttpAction;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check half of {@code http: [METHOD] URL -> STATUS [body REGEX] [timeout 10s]}: sends the request (no
 * body, HTTP/1.1) and compares the status, then looks for REGEX in the body (its first MiB).
 *
 * <p>Redirects are not followed: a 301 or 302 is the endpoint's answer, and an action that expects one can say
 * so. An https URL is checked against the JDK's default trust store ({@code cacerts}, or whatever
 * {@code javax.net.ssl.trustStore} names), as a client would; a self-signed certificate fails the handshake
 * here, and is better checked with a {@code tls:} action.
 *
 * <p>Reasons and output quote the start of the body, redacted, on one line.
 */
public final class HttpProbe {
    static final int MAX_BODY = 1 << 20;
    // the request timeout covers connecting and the headers; this much more lets a late body finish
    private static final long BODY_GRACE_MILLIS = 500;
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");

    private final HttpClient client;

    public HttpProbe() {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** @param client used as it is configured (redirects, trust, proxy) */
    public HttpProbe(HttpClient client) {
        this.client = client;
    }

    /** @param redactor applied to everything the result says: URL, body excerpt, error messages */
    public StepResult check(HttpAction a, Redactor redactor) {
        String request = a.method() + " " + a.url();
        AtomicInteger status = new AtomicInteger(-1);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<LimitedBody.Body>> sent;
        try {
            HttpRequest req = HttpRequest.newBuilder(a.url())
                    .method(a.method(), HttpRequest.BodyPublishers.noBody()).timeout(a.timeout()).build();
            sent = client.sendAsync(req, info -> {
                status.set(info.statusCode());
                return new LimitedBody(MAX_BODY);
            });
        } catch (IllegalArgumentException e) {
            return Failed.notRunnable(redactor.redact(request + " cannot be sent: " + e.getMessage()));
        }
        HttpResponse<LimitedBody.Body> response;
        try {
            response = sent.get(a.timeout().toMillis() + BODY_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            String reason = status.get() < 0 ? request + " did not answer within " + Probes.human(a.timeout())
                    : request + " answered " + status.get() + " but its body did not finish within "
                    + Probes.human(a.timeout());
            return Probes.timedOut(redactor.redact(reason), Probes.millisSince(start));
        } catch (ExecutionException e) {
            Failed failed = HttpFailures.of(request, a, e.getCause(), Probes.millisSince(start));
            return new Failed(failed.cause(), failed.exitCode(), redactor.redact(failed.reason()),
                    failed.durationMillis(), failed.output(), failed.retryable());
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return new Failed(FailureCause.RUN_FAILED, -1, redactor.redact(request + " was interrupted"),
                    Probes.millisSince(start), "", true);
        }
        return judge(a, request, response, redactor, Probes.millisSince(start));
    }

    private static StepResult judge(HttpAction a, String request, HttpResponse<LimitedBody.Body> response,
                                    Redactor redactor, long millis) {
        String body = new String(response.body().bytes(), charset(response.headers()));
        String excerpt = BodyExcerpt.of(body, redactor);
        String output = redactor.redact(request + " -> " + response.statusCode() + " in " + millis + " ms; ")
                + excerpt;
        if (response.statusCode() != a.status()) {
            String location = response.headers().firstValue("location").map(l -> " (Location: " + l + ")")
                    .orElse("");
            return Failed.found(redactor.redact(request + " answered " + response.statusCode() + location
                    + ", expected " + a.status() + "; ") + excerpt, millis, output);
        }
        if (a.body().isPresent() && !a.body().get().matcher(body).find()) {
            String where = response.body().truncated() ? " in its first MiB" : "";
            return Failed.found(redactor.redact(request + " answered " + response.statusCode() + " but the body has"
                    + " no match" + where + " for \"" + a.body().get().pattern() + "\"; ") + excerpt, millis, output);
        }
        return new Done(millis, output, Map.of("http.status", Integer.toString(response.statusCode())));
    }

    private static Charset charset(HttpHeaders headers) {
        return headers.firstValue("content-type").map(CHARSET::matcher).filter(Matcher::find).map(m -> {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }).orElse(StandardCharsets.UTF_8);
    }
}
