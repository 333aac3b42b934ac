package io.taskstream.task.action;

import io.taskstream.task.StepValues;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code http: [METHOD] URL -> STATUS [body REGEX] [timeout 10s]}: the endpoint answers the request with that
 * status, and with a body in which REGEX finds a match. The method defaults to GET.
 */
public record HttpAction(String method, URI url, int status, Optional<Pattern> body, Duration timeout)
        implements TypedAction {
    public static final String KIND = "http";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private static final Pattern FORM = Pattern.compile(
            "(?:([A-Z]+)\\s+)?(\\S+)\\s*->\\s*(\\d{3})(?:\\s+body\\s+(.+?))?(?:\\s+timeout\\s+(\\S+))?");

    public static HttpAction parse(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("http '" + value + "' is not [METHOD] URL -> STATUS [body REGEX]"
                    + " [timeout 10s] (e.g. GET http://127.0.0.1:8080/health -> 200 body \"ok\")");
        }
        String method = m.group(1) == null ? "GET" : m.group(1);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("http method '" + method + "' is not one of " + METHODS);
        }
        URI url;
        try {
            url = new URI(m.group(2));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("http URL '" + m.group(2) + "' is not a URL: " + e.getReason());
        }
        if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("http URL '" + m.group(2) + "' must be http:// or https:// with a host");
        }
        int status = Integer.parseInt(m.group(3));
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("http status " + status + " is not between 100 and 599");
        }
        Optional<Pattern> body;
        try {
            body = Optional.ofNullable(m.group(4)).map(HttpAction::unquote).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("http body pattern is not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
        Duration timeout = m.group(5) == null ? DEFAULT_TIMEOUT : StepValues.timeout(m.group(5));
        return new HttpAction(method, url, status, body, timeout);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean readOnly() {
        return true;
    }
}
