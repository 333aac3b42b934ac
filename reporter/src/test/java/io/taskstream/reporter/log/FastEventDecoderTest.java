package io.taskstream.reporter.log;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.reporter.SampleRun;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay's one-pass decoder gives what the codec gives, event for event, and refuses what it refuses. */
class FastEventDecoderTest {
    private final EventCodec codec = new EventCodec();
    private final FastEventDecoder fast = new FastEventDecoder(codec);

    @Test
    void everyEventOfASampleRunDecodesToWhatTheCodecDecodes() throws Exception {
        for (Envelope<?> e : SampleRun.events()) {
            byte[] bytes = codec.encode(e);
            assertThat(fast.decode(bytes)).isEqualTo(codec.decode(bytes)).isEqualTo(e);
        }
    }

    @Test
    void oddOrBrokenInputGetsTheCodecsAnswer() throws Exception {
        byte[] valid = codec.encode(SampleRun.events().get(3));
        String json = new String(valid, StandardCharsets.UTF_8);
        List<String> bad = List.of("not an event", "null", "{}", json.replace("\"runid\"", "\"other\""),
                json.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""),
                json.replace("io.taskstream.", "io.elsewhere."), json.substring(0, json.length() / 2));
        int refused = 0;
        for (String b : bad) {
            byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
            Envelope<EventData> accepted;
            try {
                accepted = codec.decode(bytes);
            } catch (PoisonEventException e) {
                refused++;
                assertThatThrownBy(() -> fast.decode(bytes)).isInstanceOf(PoisonEventException.class)
                        .hasMessage(e.getMessage());
                continue;
            }
            assertThat(fast.decode(bytes)).as(b).isEqualTo(accepted); // e.g. CloudEvents 0.3, which the SDK reads
        }
        assertThat(refused).isGreaterThanOrEqualTo(5);
    }
}
