package io.taskstream.launcher.cli;

import io.taskstream.actions.Plans;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.ScannedTask;
import io.taskstream.scanner.scan.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Checks a task repo on disk without Kafka: what the scanner would accept, queue, hold and refuse. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Parses every task file of a task repo's working tree and prints the queue.",
                "Exits 2 when any file is invalid (each printed as file:line: problem), else 0."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", defaultValue = ".", description = "the task repo's working tree (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--kube-context", paramLabel = "NAME", defaultValue = "${env:TASKSTREAM_KUBE_CONTEXT:-}",
            description = "the kube context runs will use; without one, criteria that need a cluster are warned about"
                    + " (default: $TASKSTREAM_KUBE_CONTEXT)")
    String kubeContext;

    @Override
    public Integer call() throws Exception {
        QueuePlan plan = LocalRepo.plan(dir);
        PrintStream out = System.out;
        out.println("Queue (" + plan.ready().size() + " ready):");
        for (ScannedTask t : plan.ready()) {
            out.printf("  %2d. %-10s %-8s %s%n", plan.position(t), t.id(), t.file().frontMatter().priority(), t.file().title());
        }
        for (Map.Entry<ScannedTask, List<String>> w : plan.waiting().entrySet()) {
            out.printf("  waiting  %-10s on %s%n", w.getKey().id(), String.join(", ", w.getValue()));
        }
        plan.blocked().forEach(t -> out.printf("  blocked  %-10s (status: blocked)%n", t.id()));
        out.println(plan.completed().size() + " completed");
        for (ScannedTask t : plan.ready()) {
            TaskSnapshot s = Snapshots.of(t);
            s.criteria().forEach(c -> Plans.clusterWarning(s.id(), c, kubeContext)
                    .ifPresent(w -> System.err.println("warning: " + w)));
        }
        for (InvalidFile bad : plan.invalid()) {
            System.err.println(bad.path() + ":" + bad.line() + ": " + bad.problem());
        }
        return plan.invalid().isEmpty() ? Exit.OK : Exit.INVALID;
    }
}
