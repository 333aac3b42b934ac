package io.taskstream.runtime.kafka;

import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;

/** One decoded event with the offset it was read at. */
public record Consumed(Envelope<EventData> event, int partition, long offset) {
}
