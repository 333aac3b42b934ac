package io.taskstream.bench;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.reporter.log.FastEventDecoder;
import io.taskstream.reporter.replay.Replay;
import io.taskstream.reporter.retro.RetroFold;
import io.taskstream.reporter.retro.Retrospective;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Replay throughput on an embedded broker: {@code events} synthetic events ({@link ReplaySyntheticLog}) on one
 * topic, then, alternately in the same run, (a) a plain kafka-clients consumer reading the whole topic as bytes
 * (same fetch settings as the replay, nothing deserialized) and (b) {@code Replay.retrospective}: the same read,
 * decoded and folded into a retrospective. Prints events/s of both and their ratio, then the floor: what decoding
 * one event and folding one event cost on one thread.
 * Usage: {@code ReplayBench [events=1000000] [partitions=12] [rounds=2] [decoders=cores]}.
 */
public final class ReplayBench {
    private static final String TOPIC = "replaybench.events";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0].strip()) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1].strip()) : 12;
        int rounds = args.length > 2 ? Integer.parseInt(args[2].strip()) : 2;
        int decoders = args.length > 3 ? Integer.parseInt(args[3].strip()) : Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "ReplayBench: %d events, %d partitions, %d decoder threads, %d cores, java %s, "
                        + "load %s%n", events, partitions, decoders, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Host.loadAverage());
        MachineLoad load = new MachineLoad();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of(TOPIC, partitions));
            long start = System.nanoTime();
            ReplaySyntheticLog log = new ReplaySyntheticLog(kafka.bootstrapServers(), TOPIC);
            long written = log.write(events, 200);
            System.out.printf(Locale.ROOT, "wrote %d events (%.0f MB, %.0f bytes/event) in %.1f s%n", written,
                    log.bytes() / 1e6, (double) log.bytes() / written, (System.nanoTime() - start) / 1e9);

            List<double[]> rows = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                double plain = plainRead(kafka.bootstrapServers(), written);
                double replay = replay(kafka.bootstrapServers(), decoders, written);
                System.out.printf(Locale.ROOT, "%s plain %.0f events/s, replay %.0f events/s%n",
                        round == 0 ? "warm-up (not counted):" : "round " + round + ":", plain, replay);
                if (round > 0) {
                    rows.add(new double[]{plain, replay});
                }
            }
            System.out.println();
            System.out.println("| round | plain consumer (bytes only) events/s | replay into a retrospective events/s "
                    + "| plain / replay |");
            System.out.println("|---:|---:|---:|---:|");
            for (int i = 0; i < rows.size(); i++) {
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f |%n", i + 1, rows.get(i)[0], rows.get(i)[1],
                        rows.get(i)[0] / rows.get(i)[1]);
            }
            floor(kafka.bootstrapServers());
            System.out.println(load.summary());
        }
    }

    private static double plainRead(String bootstrap, long expected) {
        long start = System.nanoTime();
        long count = 0;

        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                    r.serializedValueSize();
                }
            }
        }
        check(count, expected);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double replay(String bootstrap, int decoders, long expected) {
        long start = System.nanoTime();
        Retrospective r = new Replay(bootstrap, TOPIC, Duration.ofMinutes(10)).decoders(decoders)
                .retrospective(null, 20).retrospective();
        double perSecond = r.overview().events() / ((System.nanoTime() - start) / 1e9);
        check(r.overview().events(), expected);
        return perSecond;
    }

    /** Decoding and folding one event on one thread, over the first 100,000 records. */
    private static void floor(String bootstrap) throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (values.size() < 100_000) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        EventCodec codec = new EventCodec();
        List<Envelope<EventData>> decoded = new ArrayList<>(values.size());
        FastEventDecoder fast = new FastEventDecoder(codec);
        long decodeNanos = 0;
        long fastNanos = 0;
        long foldNanos = 0;
        for (int pass = 0; pass < 3; pass++) {
            decoded.clear();
            long t0 = System.nanoTime();
            for (byte[] v : values) {
                decoded.add(codec.decode(v));
            }
            long t1 = System.nanoTime();
            RetroFold fold = new RetroFold();
            decoded.forEach(fold::apply);
            long t2 = System.nanoTime();
            for (byte[] v : values) {
                fast.decode(v);
            }
            long t3 = System.nanoTime();
            decodeNanos = t1 - t0; // the last pass, JIT-compiled
            foldNanos = t2 - t1;
            fastNanos = t3 - t2;
        }
        double decodePer = (double) decodeNanos / values.size();
        double foldPer = (double) foldNanos / values.size();
        System.out.printf(Locale.ROOT, "floor, one thread, %d events: decode (EventCodec: CloudEvents SDK + Jackson) "
                        + "%.2f us/event = %.0f events/s; fold into the retrospective %.2f us/event = %.0f events/s%n",
                values.size(), decodePer / 1000, 1e9 / decodePer, foldPer / 1000, 1e9 / foldPer);
        double fastPer = (double) fastNanos / values.size();
        System.out.printf(Locale.ROOT, "floor, one thread: decode as the replay does (FastEventDecoder, one streaming "
                + "pass) %.2f us/event = %.0f events/s%n", fastPer / 1000, 1e9 / fastPer);
    }

    private static void check(long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException("read " + count + " events, expected " + expected);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
