package io.taskstream.events.envelope;

import java.net.URI;

/** Builds the CloudEvents {@code source} of a service instance. */
public final class Source {
    private Source() {
    }

    public static URI of(String service, String instance) {
        return URI.create("/taskstream/" + service + "/" + instance.replaceAll("[^A-Za-z0-9._-]", "-"));
    }
}
