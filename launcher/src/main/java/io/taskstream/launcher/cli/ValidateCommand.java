package io.taskstream.launcher.cli;

import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.ScannedTask;
import picocli.CommandLine.Command;
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
        for (InvalidFile bad : plan.invalid()) {
            System.err.println(bad.path() + ":" + bad.line() + ": " + bad.problem());
        }
        return plan.invalid().isEmpty() ? Exit.OK : Exit.INVALID;
    }
}
