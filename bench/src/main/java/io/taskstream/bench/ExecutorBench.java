package io.taskstream.bench;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.CriterionCompleted;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.CriterionStarted;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.TaskReady;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.ExecutorConfig;
import io.taskstream.executor.ExecutorVerticle;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.runtime.process.CommandResult;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Redactor;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * Executor throughput on an embedded broker: {@code tasks} task.ready events of two trivial criteria ({@code true})
 * each, published at once; wall time from the first publish to the last criterion.completed seen by a plain
 * consumer; for one executor instance, then for three (separate Vert.x instances in this JVM, three partition
 * threads each, six partitions). Each measurement has its own topic prefix. Next to it, measured in the same run:
 * how fast this machine starts {@code bash -c true} the way the executor does, and one acknowledged publish.
 * A warm-up of the same size runs first; then {@code rounds} times: one instance, three instances.
 * Usage: {@code ExecutorBench [tasks=500] [deadlineSecondsPerMeasurement=300] [rounds=2]}.
 */
public final class ExecutorBench {
    private static final int PARTITIONS = 6;
    private static final int THREADS = 3;
    private static final int CRITERIA = 2;
    private static final int[] INSTANCES = {1, 3};
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final EmbeddedKafka kafka;
    private final Path workspace;
    private final Duration deadline;

    private ExecutorBench(EmbeddedKafka kafka, Path workspace, Duration deadline) {
        this.kafka = kafka;
        this.workspace = workspace;
        this.deadline = deadline;
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int tasks = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : 500;
        Duration deadline = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1].strip()) : 300);
        int rounds = args.length > 2 ? Integer.parseInt(args[2].strip()) : 2;
        System.out.printf(Locale.ROOT, "ExecutorBench: %d tasks x %d criteria, %d partitions, %d threads per instance, "
                        + "%d cores, java %s, load %s%n", tasks, CRITERIA, PARTITIONS, THREADS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Host.loadAverage());
        MachineLoad load = new MachineLoad();
        Path workspace = Files.createTempDirectory("taskstream-execbench-");
        long start = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            System.out.printf(Locale.ROOT, "embedded broker up in %s ms%n", Samples.ms(System.nanoTime() - start));
            ExecutorBench bench = new ExecutorBench(kafka, workspace, deadline);
            bench.baseline();
            Result warmUp = bench.measure(1, tasks);
            System.out.printf(Locale.ROOT, "warm-up (not counted, JIT still compiling): %s%n", warmUp);
            List<Result> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (int instances : INSTANCES) {
                    results.add(bench.measure(instances, tasks));
                }
            }
            System.out.println();
            System.out.println("| executor instances | criteria | wall ms (first publish -> last completed) | publish ms "
                    + "| criteria/s | criterion.started per instance |");
            System.out.println("|---:|---:|---:|---:|---:|---|");
            results.forEach(r -> System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.0f | %s |%n",
                    r.instances, r.criteria, r.wallMs, r.publishMs, r.perSecond(), r.startedBy));
            System.out.println(load.summary());
        } finally {
            Host.deleteRecursively(workspace);
        }
    }

    /** What one criterion costs at least: starting {@code bash -c true} as the executor does, one acknowledged publish. */
    private void baseline() throws Exception {
        CommandRunner runner = CommandRunner.defaults();
        Duration timeout = Duration.ofSeconds(30);
        int perThread = 200;
        System.out.println();
        for (int threads : new int[]{1, THREADS}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                long start = System.nanoTime();
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    all.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            CommandResult r = runner.run("true", workspace, Map.of(), timeout, Redactor.none());
                            if (!r.succeeded()) {
                                throw new IllegalStateException("bash -c true failed: " + r.output());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "baseline: CommandRunner 'setsid bash -c true' on %d thread(s): %.0f "
                        + "processes/s (%d runs)%n", threads, threads * perThread / seconds, threads * perThread);
            } finally {
                pool.shutdownNow();
            }
        }
        Topics topics = Topics.withPrefix("bench-rtt-" + UUID.randomUUID().toString().substring(0, 8));
        kafka.createTopics(topics.layout(PARTITIONS));
        Samples ack = new Samples("publishAndWait", "");
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "bench-rtt", new EventCodec())) {
            Envelope<TaskReady> event = ready(1, "run-rtt");
            for (int i = 0; i < 600; i++) {
                ack.time(i < 100, () -> publisher.publishAndWait(topics.events(), event));
            }
        }
        System.out.printf(Locale.ROOT, "baseline: one acknowledged publish (acks=all, idempotent) median %s ms, "
                + "min %s ms (%d sequential)%n", Samples.ms(ack.median()), Samples.ms(ack.min()), ack.count());
    }

    private Result measure(int instances, int tasks) throws Exception {
        String prefix = "bench-" + instances + "x-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = Topics.withPrefix(prefix);
        kafka.createTopics(topics.layout(PARTITIONS));
        long until = System.nanoTime() + deadline.toNanos();
        List<Vertx> vertxes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> observer = observer(topics.events());
             EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "bench-" + prefix, new EventCodec())) {
            for (int i = 1; i <= instances; i++) {
                vertxes.add(deploy(prefix, "executor-" + i));
            }
            awaitGroup(topics.events(), instances, until);
            String runId = "run-" + prefix;
            List<Envelope<TaskReady>> events = IntStream.rangeClosed(1, tasks).mapToObj(t -> ready(t, runId)).toList();

            MachineLoad window = new MachineLoad();
            ThreadCpu threads = new ThreadCpu();
            long start = System.nanoTime();
            List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(tasks);
            events.forEach(e -> acks.add(publisher.publish(topics.events(), e)));
            acks.forEach(EventPublisher::await);
            long published = System.nanoTime();

            EventCodec codec = new EventCodec();
            Timeline timeline = new Timeline();
            Set<String> completed = new HashSet<>();
            Map<String, Integer> startedBy = new TreeMap<>();
            long last = start;
            while (completed.size() < tasks * CRITERIA) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "deadline of %ds passed with %d of %d "
                                    + "criteria completed (%d instance(s))", deadline.toSeconds(), completed.size(),
                            tasks * CRITERIA, instances));
                }
                for (ConsumerRecord<String, byte[]> record : observer.poll(Duration.ofMillis(20))) {
                    Envelope<EventData> event = codec.decode(record.value());
                    EventData data = event.data();
                    timeline.add(record.partition(), event);
                    if (data instanceof CriterionCompleted c) {
                        completed.add(record.key() + "/" + c.criterion());
                        last = System.nanoTime();
                    } else if (data instanceof CriterionStarted s) {
                        startedBy.merge(s.executor(), 1, Integer::sum);
                    } else if (!(data instanceof TaskReady)) {
                        throw new IllegalStateException("unexpected event for " + record.key() + ": " + data);
                    }
                }
            }
            double[] cpu = window.cpuSeconds();
            Map<String, Double> roles = threads.byRole();
            double listed = roles.values().stream().mapToDouble(Double::doubleValue).sum();
            int criteria = tasks * CRITERIA;
            System.out.printf(Locale.ROOT, "%d instance(s): %s%n  %s%n  CPU ms per criterion: JVM %.1f + bash "
                            + "processes %.1f; JVM by thread role: %s, not in a live Java thread (JIT, GC, ended output readers) %.2f "
                            + "(%s)%n",
                    instances, timeline.summary(), window.summary(), cpu[0] * 1000 / criteria,
                    cpu[1] * 1000 / criteria, ThreadCpu.format(roles, criteria),
                    Math.max(0, cpu[0] * 1000 - listed) / criteria, threads.jitAndGc());
            return new Result(instances, tasks * CRITERIA, (last - start) / 1e6, (published - start) / 1e6, startedBy);
        } finally {
            for (Vertx v : vertxes) {
                v.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private Vertx deploy(String prefix, String instance) throws Exception {
        Vertx vertx = Vertx.vertx();
        ExecutorConfig config = ExecutorConfig.defaults(KafkaClientConfig.of(kafka.bootstrapServers(), prefix), instance,
                workspace).withMaxAttempts(2);
        vertx.deployVerticle(new ExecutorVerticle(config))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return vertx;
    }

    private static String groupOf(String eventsTopic) {
        return ExecutorVerticle.group(eventsTopic.substring(0, eventsTopic.length() - ".events".length()));
    }

    /** Polls the group until every instance holds partitions of the events topic and all of them are assigned. */
    private void awaitGroup(String topic, int members, long until) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupOf(topic)))
                        .all().get(30, TimeUnit.SECONDS).get(groupOf(topic));
                List<MemberDescription> holding = group.members().stream().filter(m -> m.assignment()
                        .topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic))).toList();
                long assigned = holding.stream().mapToLong(m -> m.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(topic)).count()).sum();
                if (holding.size() == members && assigned == PARTITIONS) {
                    return;
                }
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("executor group did not settle: " + group);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    /** Reads the events topic from the start, outside any group. */
    private KafkaConsumer<String, byte[]> observer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(i -> new TopicPartition(topic, i))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static Envelope<TaskReady> ready(int t, String runId) {
        String id = SyntheticTaskRepo.id(t);
        List<CriterionSpec> criteria = new ArrayList<>();
        for (int c = 1; c <= CRITERIA; c++) {
            criteria.add(new CriterionSpec(c, "criterion " + c, 12 + c, false, List.of("true"), "", Map.of(), 0,
                    List.of("true"), List.of(), List.of()));
        }
        TaskSnapshot task = new TaskSnapshot(id, "Bench task " + t, "medium", "active", "tasks/active/" + id + ".md",
                List.of("verification"), List.of(), "verification", criteria);
        return Envelope.of(Source.of("bench", "1"), id, runId, new TaskReady(task, COMMIT, t, ExecutionOptions.defaults()));
    }

    private record Result(int instances, int criteria, double wallMs, double publishMs, Map<String, Integer> startedBy) {
        double perSecond() {
            return criteria / (wallMs / 1000);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d instance(s), %d criteria in %.0f ms = %.0f criteria/s", instances,
                    criteria, wallMs, perSecond());
        }
    }
}
