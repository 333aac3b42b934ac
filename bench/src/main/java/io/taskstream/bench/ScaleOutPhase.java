package io.taskstream.bench;

import io.taskstream.executor.ExecutorVerticle;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Scanner, verifier and reporter in one process (embedded broker, 12 partitions), {@code k} executor processes
 * against it, each with its own state directory; the group must hold every partition before the scan is requested,
 * so the rebalance is not in the figure.
 */
final class ScaleOutPhase {
    private final PipelineHarness h;
    private final PipelineResults results;

    ScaleOutPhase(PipelineHarness h, PipelineResults results) {
        this.h = h;
        this.results = results;
    }

    void run() throws Exception {
        for (int k : h.o.scaleInstances) {
            scaleOut(k);
        }
    }

    private void scaleOut(int k) throws Exception {
        PipelineBenchOptions o = h.o;
        boolean concurrencyFlag = h.concurrencyFlag();
        int tasks = o.scaleTasks;
        int criteria = tasks * o.scaleCriteria;
        long deadline = System.nanoTime() + h.deadlineNanos(criteria, o.scaleSleep) + TimeUnit.SECONDS.toNanos(60L * k);
        String name = "scale-out, " + k + " executor process" + (k == 1 ? "" : "es");
        Path dir = h.newDir(name);
        System.out.printf(Locale.ROOT, "%n%s: %d tasks x %d criteria of `sleep %s`, %d partitions%s%n", name, tasks,
                o.scaleCriteria, o.scaleSleepText, o.scalePartitions,
                concurrencyFlag ? ", --concurrency " + o.concurrency : "");
        List<String> common = new ArrayList<>(List.of("--partitions", String.valueOf(o.scalePartitions)));
        if (concurrencyFlag) {
            common.addAll(List.of("--concurrency", String.valueOf(o.concurrency)));
        }
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), tasks, o.scaleCriteria,
                "sleep " + o.scaleSleepText, "true")) {
            OtherCoresWindow window = new OtherCoresWindow();
            List<Child> children = new ArrayList<>();
            try {
                List<String> args = new ArrayList<>(common);
                // upper case: the CLI's enum converter is case-sensitive although its help lists the names in lower case
                args.addAll(List.of("--services", "SCANNER,VERIFIER,REPORTER"));
                Child main = h.startRun(name + ": scanner,verifier,reporter", dir, args, repo, "0");
                children.add(main);
                String bootstrap = main.awaitRunning(deadline);
                for (int i = 1; i <= k; i++) {
                    List<String> ex = new ArrayList<>(common);
                    ex.addAll(List.of("--bootstrap-servers", bootstrap, "--services", "EXECUTOR"));
                    children.add(h.startRun(name + ": executor " + i, dir, ex, repo, String.valueOf(i)));
                }
                for (Child c : children) {
                    c.awaitRunning(deadline);
                }
                String split = awaitGroup(bootstrap, k, deadline, children);
                results.scaleSplit.put(k, split);
                try (EventWatch watch = new EventWatch(bootstrap, h.topic, deadline)) {
                    long start = System.nanoTime();
                    h.scan(bootstrap, dir, "scan", deadline);
                    watch.await(criteria + " criteria verified and " + tasks + " tasks completed",
                            () -> watch.verified.size() >= criteria && watch.taskCompleted.size() >= tasks, deadline,
                            children);
                    long end = System.nanoTime();
                    double verified = EventWatch.nanos(watch.firstReady(), watch.lastVerified()) / 1e9;
                    double completed = EventWatch.nanos(watch.firstReady(), watch.lastCompleted()) / 1e9;
                    results.scale.put(k, new double[]{criteria / verified, criteria / completed});
                    RunRow row = new RunRow(name, criteria, 0, verified, criteria / verified, (end - start) / 1e9,
                            ProcStat.cpuTicks(children) / ProcStat.TICKS_PER_SECOND, window.otherCores(children),
                            ProcStat.vmHwmKib(PipelineHarness.javaPid(main)), -1);
                    results.rows.add(row);
                    System.out.printf(Locale.ROOT, "  %s%n  executor side (first task.ready -> last "
                            + "criterion.completed): %.1f criteria/s; partitions per executor process: %s%n",
                            row.oneLine(), criteria / completed, split);
                }
            } finally {
                for (int i = children.size() - 1; i >= 0; i--) {
                    System.out.println("  stopped " + children.get(i).name() + ": " + children.get(i).stop(o.stopBound));
                }
            }
        }
    }

    /** Polls the executor group until {@code members} members hold every partition of the events topic. */
    private String awaitGroup(String bootstrap, int members, long deadline, List<Child> children) throws Exception {
        String groupId = ExecutorVerticle.group(h.topic.substring(0, h.topic.length() - ".events".length()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                        .all().get(30, TimeUnit.SECONDS).get(groupId);
                List<Long> held = new ArrayList<>();
                for (MemberDescription m : group.members()) {
                    long n = m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(h.topic))
                            .count();
                    if (n > 0) {
                        held.add(n);
                    }
                }
                if (held.size() == members && held.stream().mapToLong(Long::longValue).sum() == h.o.scalePartitions) {
                    Collections.sort(held);
                    return held.stream().map(String::valueOf).collect(Collectors.joining(", "));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the executor group did not settle on " + members
                            + " members holding " + h.o.scalePartitions + " partitions: " + group);
                }
                children.forEach(Child::checkAlive);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }
}
