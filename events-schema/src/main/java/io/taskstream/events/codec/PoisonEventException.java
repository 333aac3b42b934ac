package io.taskstream.events.codec;

/** Bytes that are not a valid event of a known type: they go to the dead-letter topic with this reason. */
public class PoisonEventException extends Exception {
    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public PoisonEventException(String reason) {
        super(reason);
    }
}
