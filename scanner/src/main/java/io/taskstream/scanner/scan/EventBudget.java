package io.taskstream.scanner.scan;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.TaskReady;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The largest record the scanner may publish: what both the producer ({@code max.request.size}) and the
 * events topic ({@code max.message.bytes}, the broker's {@code message.max.bytes} unless the topic overrides
 * it) accept. An event is measured by its encoded bytes plus the record's framing, key and headers, so what
 * passes here is never refused for its size.
 */
public final class EventBudget {
    private static final Logger LOG = LoggerFactory.getLogger(EventBudget.class);
    /** The producer's {@code max.request.size} when nothing sets it, as the Kafka client defines it (1 MiB). */
    public static final int PRODUCER_DEFAULT = (Integer) ProducerConfig.configDef().defaultValues()
            .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    /** Batch header, record varints and the content-type header, with room to spare. */
    private static final int FRAMING = 512;
    /** What a real task.ready may add to the measured one: a longer run id, source or criteria filter. */
    private static final int READY_HEADROOM = 4096;
    /** JSON escaping writes a char as at most 6 bytes; a snapshot may carry a line of the file twice. */
    private static final int WORST_EXPANSION = 12;

    private final int maxRecordBytes;
    private final EventCodec codec;

    public EventBudget(int maxRecordBytes, EventCodec codec) {
        if (maxRecordBytes <= FRAMING + READY_HEADROOM) {
            throw new IllegalArgumentException("a record limit of " + maxRecordBytes + " bytes leaves no room for events");
        }
        this.maxRecordBytes = maxRecordBytes;
        this.codec = codec;
    }

    /** The limit of a producer and a topic left at Kafka's defaults. */
    public static EventBudget kafkaDefault() {
        return new EventBudget(PRODUCER_DEFAULT, new EventCodec());
    }

    /**
     * The limit of the scanner's producer (Kafka's default {@code max.request.size}) and of the topic as the
     * broker describes it; the producer's alone when the broker does not say.
     */
    public static EventBudget of(String bootstrapServers, String topic, EventCodec codec) {
        return of(bootstrapServers, topic, codec, Map.of());
    }

    /** As {@link #of(String, String, EventCodec)}, the admin client with {@code extra} properties (TLS, SASL). */
    public static EventBudget of(String bootstrapServers, String topic, EventCodec codec, Map<String, String> extra) {
        int limit = PRODUCER_DEFAULT;
        Map<String, Object> props = new java.util.HashMap<>(extra);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null) {
                limit = Math.min(limit, Integer.parseInt(entry.value()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("cannot read {} of {}; assuming the producer's {} bytes", TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    topic, limit, e);
        }
        return new EventBudget(limit, codec);
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public EventCodec codec() {
        return codec;
    }

    /** The bytes a record of this key and value takes against the limit. */
    public long recordBytes(String key, byte[] value) {
        return FRAMING + (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length) + (long) value.length;
    }

    public boolean fits(String key, byte[] value) {
        return recordBytes(key, value) <= maxRecordBytes;
    }

    /** Why an event of this type and size cannot be published. */
    public String overLimit(String eventType, long bytes) {
        return eventType + " would be " + human(bytes) + ", over the " + human(maxRecordBytes)
                + " the broker accepts: shorten the title or the criteria";
    }

    /**
     * The task as an invalid file when its task.ready (or task.waiting, the same snapshot) would not fit;
     * measured cheaply first, since nearly every task file is far below the limit.
     */
    public Optional<InvalidFile> tooLarge(ScannedTask task) {
        long worst = (long) task.file().source().length() * WORST_EXPANSION + FRAMING + READY_HEADROOM + 1024;
        if (worst <= maxRecordBytes) {
            return Optional.empty();
        }
        TaskReady ready = new TaskReady(Snapshots.of(task), "0".repeat(40), 1, ExecutionOptions.defaults());
        long bytes = recordBytes(task.id(), codec.encode(Envelope.of(Source.of("scanner", "size"), task.id(),
                "00000000-000000-00000000", ready))) + READY_HEADROOM;
        return bytes <= maxRecordBytes ? Optional.empty()
                : Optional.of(new InvalidFile(task.path(), task.id(), 1, overLimit("task.ready", bytes)));
    }

    /** 1 MiB, 1.4 MB, 16.0 kB, 900 bytes. */
    static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        } else if (bytes >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        } else if (bytes >= 1_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes + " bytes";
    }
}
