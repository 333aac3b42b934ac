package io.taskstream.events;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EventExamplesTest {
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");

    @Test
    void examplesCoverEveryEventType() {
        Map<EventType, Envelope<?>> all = EventExamples.all();
        assertThat(all).containsOnlyKeys(EventType.values());
        all.forEach((type, e) -> assertThat(e.eventType()).isEqualTo(type));
    }

    @Test
    void examplesHaveDistinctIdsAndShareOneRun() {
        assertThat(EventExamples.all().values()).extracting(Envelope::id).doesNotHaveDuplicates();
        assertThat(EventExamples.all().values()).extracting(Envelope::runId).containsOnly(EventExamples.RUN_ID);
    }

    @Test
    void examplesUseLoopbackAddressesOnly() {
        EventCodec codec = new EventCodec();
        for (Envelope<?> e : EventExamples.all().values()) {
            Matcher m = IPV4.matcher(new String(codec.encode(e), StandardCharsets.UTF_8));
            while (m.find()) {
                assertThat(m.group()).as(e.type()).startsWith("127.");
            }
        }
    }
}
