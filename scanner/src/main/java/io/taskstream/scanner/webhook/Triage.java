package io.taskstream.scanner.webhook;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * Decides what a delivery asks for, in this order: authenticity (on the raw bytes, before any parsing), JSON, event
 * type, repository, branch, deletion, duplicate. Only a delivery that passes all of them asks for a scan. No I/O:
 * the caller publishes.
 */
final class Triage {

    /** What to do with a delivery. */
    sealed interface Verdict permits Answer, Scan {
    }

    /** Answer at once, request nothing. */
    record Answer(WebhookResponse response) implements Verdict {
    }

    /**
     * Request a scan, then answer.
     *
     * @param delivery the host's delivery id, null when it sent none
     */
    record Scan(Provider provider, String delivery, PushInfo push) implements Verdict {
    }

    private final WebhookConfig config;
    private final Deliveries deliveries;

    Triage(WebhookConfig config, Deliveries deliveries) {
        this.config = config;
        this.deliveries = deliveries;
    }

    Verdict inspect(Provider provider, String secret, MultiMap headers, Buffer body) {
        Optional<String> rejection = provider.authenticate(headers, body.getBytes(), secret);
        if (rejection.isPresent()) {
            return answer(WebhookResponse.rejected(rejection.get()));
        }
        String event = provider.event(headers);
        if (event == null || event.isBlank()) {
            return answer(WebhookResponse.invalid("no event type header"));
        }
        JsonObject payload;
        try {
            payload = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return answer(WebhookResponse.invalid("body is not a JSON object (send application/json): "
                    + firstLine(e.getMessage())));
        }
        Provider.Kind kind = provider.kind(event);
        if (kind == Provider.Kind.PING) {
            return answer(WebhookResponse.pong());
        }
        if (kind == Provider.Kind.OTHER) {
            return answer(WebhookResponse.ignored("event " + event + " is not a push"));
        }
        PushInfo push;
        try {
            push = provider.push(payload);
        } catch (IllegalArgumentException e) {
            return answer(WebhookResponse.invalid("not a " + provider.id() + " push payload: " + e.getMessage()));
        } catch (ClassCastException e) {
            return answer(WebhookResponse.invalid("not a " + provider.id() + " push payload: a field has another"
                    + " JSON type than " + provider.id() + " documents"));
        }
        Optional<String> ignored = ignoreReason(push);
        if (ignored.isPresent()) {
            return answer(WebhookResponse.ignored(ignored.get()));
        }
        String delivery = provider.delivery(headers);
        if (delivery != null && !deliveries.claim(key(provider, delivery))) {
            return answer(WebhookResponse.duplicate(delivery));
        }
        return new Scan(provider, delivery, push);
    }

    /** Forgets a scan's delivery id, so that the host's redelivery is handled again: when its request failed. */
    void forget(Scan scan) {
        if (scan.delivery() != null) {
            deliveries.forget(key(scan.provider(), scan.delivery()));
        }
    }

    private Optional<String> ignoreReason(PushInfo push) {
        if (!config.acceptsRepository(push.repositoryIds())) {
            return Optional.of("repository " + push.repositoryIds() + " is not a configured repository "
                    + config.repositories());
        }
        Optional<String> branch = push.branch();
        if (branch.isEmpty() || !branch.get().equals(config.branch())) {
            return Optional.of("push to " + push.ref() + " is not to the configured branch " + config.branch()
                    + " (" + PushInfo.BRANCH_PREFIX + config.branch() + ")");
        }
        if (push.deleted()) {
            return Optional.of("push deletes " + push.ref() + " (after " + push.after() + ")");
        }
        return Optional.empty();
    }

    private static String key(Provider provider, String delivery) {
        return provider.id() + ":" + delivery;
    }

    private static Verdict answer(WebhookResponse response) {
        return new Answer(response);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
