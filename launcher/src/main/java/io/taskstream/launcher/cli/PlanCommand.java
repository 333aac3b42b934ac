package io.taskstream.launcher.cli;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.scan.ScannedTask;
import io.taskstream.scanner.scan.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** A dry run: what would run, where and how, with nothing run. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Prints, in queue order, every criterion that a run would execute: its commands, directory,",
                "environment names, timeout and verification. Runs nothing."})
public final class PlanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", defaultValue = ".", description = "the task repo's working tree (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--criteria", split = ",", paramLabel = "N", description = "only these criterion numbers")
    List<Integer> criteria = List.of();

    @Override
    public Integer call() throws Exception {
        QueuePlan plan = LocalRepo.plan(dir);
        PrintStream out = System.out;
        Redactor redactor = Redactor.none();
        for (ScannedTask t : plan.ready()) {
            TaskSnapshot s = Snapshots.of(t);
            out.printf("%d. %s %s [%s, %s]%n", plan.position(t), s.id(), s.title(), s.priority(), s.taskType());
            for (CriterionSpec c : s.criteria()) {
                if (c.checked() || (!criteria.isEmpty() && !criteria.contains(c.number()))) {
                    continue;
                }
                out.printf("   %d. %s%n", c.number(), c.text());
                if (!c.executable()) {
                    out.println("      needs a person: no run step or typed action");
                }
                c.run().forEach(r -> out.println("      run     " + redactor.redact(r)));
                c.actions().forEach(a -> out.println("      " + a.kind() + "  " + a.value()));
                out.println("      in      " + (c.workingDir().isEmpty() ? "(workspace root)" : c.workingDir()));
                if (!c.env().isEmpty()) {
                    out.println("      env     " + String.join(" ", c.env().keySet()));
                }
                if (!c.needs().isEmpty()) {
                    out.println("      needs   " + c.needs());
                }
                c.verify().forEach(v -> out.println("      verify  " + v));
                if (c.verify().isEmpty() && c.executable()) {
                    out.println("      verify  none: will be reported unverifiable");
                }
            }
        }
        plan.waiting().forEach((t, deps) -> out.printf("(waiting) %s on %s%n", t.id(), String.join(", ", deps)));
        return plan.invalid().isEmpty() ? Exit.OK : Exit.INVALID;
    }
}
