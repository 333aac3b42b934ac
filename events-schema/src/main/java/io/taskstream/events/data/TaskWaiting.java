package io.taskstream.events.data;

import java.util.List;

/** A task held back until the listed dependencies are completed. */
public record TaskWaiting(TaskSnapshot task, String commit, List<String> waitingOn) implements EventData {
    public TaskWaiting {
        waitingOn = List.copyOf(waitingOn);
    }
}
