package io.taskstream.reporter.session;

import io.taskstream.events.EventExamples;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one place an event becomes a line of text: the report's timeline and the CLI's progress. */
class EventTextTest {

    @SuppressWarnings("unchecked")
    private static String text(EventType type) {
        return EventText.describe((Envelope<? extends EventData>) EventExamples.of(type));
    }

    @Test
    void everyEventTypeHasItsOwnText() {
        Map<String, EventType> byText = new HashMap<>();
        for (EventType type : EventType.values()) {
            String text = text(type);
            assertThat(text).as(type.shortName()).isNotBlank().isNotEqualTo(type.shortName()).doesNotContain("null");
            EventType before = byText.put(text, type);
            assertThat(before).as("%s and %s read the same", before, type).isNull();
        }
        assertThat(byText).hasSize(EventType.values().length);
    }

    @Test
    void aStartedCriterionIsNamedByNumberAndText() {
        assertThat(text(EventType.CRITERION_STARTED))
                .isEqualTo("criterion 1 started (attempt 1): " + EventExamples.BUILD.text());
    }

    @Test
    void linesStayOnOneLine() {
        assertThat(Arrays.stream(EventType.values()).map(EventTextTest::text)).noneMatch(t -> t.contains("\n"));
    }
}
