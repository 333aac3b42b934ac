package io.taskstream.actions;

import io.taskstream.task.action.TlsAction;

import java.time.Duration;
import java.util.Optional;

/** {@code tls}: the served certificate is valid and names the expected host; the executor and the verifier both look. */
public record TlsStep(TlsAction action, String written) implements Step {
    private static final Duration HANDSHAKE = Duration.ofSeconds(10);

    @Override
    public String kind() {
        return TlsAction.KIND;
    }

    @Override
    public Optional<String> describeCheck() {
        return Optional.of("the certificate served at " + action.address() + " names " + action.name()
                + (action.validDays() > 0 ? " and stays valid " + action.validDays() + " more days" : " and is valid now"));
    }

    @Override
    public StepResult check(StepContext c) {
        return c.tools().tls().check(action, c.timeout().compareTo(HANDSHAKE) < 0 ? c.timeout() : HANDSHAKE);
    }
}
