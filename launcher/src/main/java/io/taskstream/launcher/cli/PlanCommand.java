package io.taskstream.launcher.cli;

import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.Plans;
import io.taskstream.actions.ShellStep;
import io.taskstream.actions.Step;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.ExecutionOptions;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** A dry run: what would run, where and how, with nothing run. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Prints what a run would execute, in queue order, and runs nothing.",
                "For every criterion: its commands, directory, environment names, timeout and verification. "
                        + "Needs neither Kafka nor a remote: it reads the files on disk."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:every task file is valid", "2:a task file is invalid, or DIR is not a task repo; bad usage"},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream plan ./task-repo",
                "  taskstream plan ./task-repo --criteria 1,2 --kube-context kind-dev",
                "  taskstream plan ./task-repo -o json"})
public final class PlanCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    Output output;

    @Parameters(paramLabel = "DIR", defaultValue = ".", description = "the task repo's working tree (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--kube-context", paramLabel = "NAME", defaultValue = "${env:TASKSTREAM_KUBE_CONTEXT:-}",
            description = "the kube context runs will use; without one, criteria that need a cluster are warned about"
                    + " (default: $TASKSTREAM_KUBE_CONTEXT)")
    String kubeContext;

    @Option(names = "--criteria", split = ",", paramLabel = "N", description = "only these criterion numbers")
    List<Integer> criteria = List.of();

    @Override
    public Integer call() throws Exception {
        QueuePlan plan = LocalRepo.plan(dir);
        if (output.json()) {
            Output.printJson(spec.commandLine().getOut(), json(plan));
            return plan.invalid().isEmpty() ? Exit.OK : Exit.INVALID;
        }
        PrintStream out = System.out;
        Redactor redactor = Redactor.none();
        for (ScannedTask t : plan.ready()) {
            TaskSnapshot s = Snapshots.of(t);
            out.printf("%d. %s %s [%s, %s]%n", plan.position(t), s.id(), s.title(), s.priority(), s.taskType());
            for (CriterionSpec c : s.criteria()) {
                if (!Plans.decide(c, options()).equals(Plans.RUN) && !Plans.decide(c, options()).equals(Plans.NEEDS_HUMAN)) {
                    continue;
                }
                printCriterion(out, c, redactor);
                Plans.clusterWarning(s.id(), c, kubeContext).ifPresent(w -> out.println("      warning   " + w));
            }
        }
        plan.waiting().forEach((t, deps) -> out.printf("(waiting) %s on %s%n", t.id(), String.join(", ", deps)));
        return plan.invalid().isEmpty() ? Exit.OK : Exit.INVALID;
    }

    private boolean planned(CriterionSpec c) {
        return Plans.decide(c, options()).equals(Plans.RUN) || Plans.decide(c, options()).equals(Plans.NEEDS_HUMAN);
    }

    private Map<String, Object> json(QueuePlan plan) {
        Redactor redactor = Redactor.none();
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (ScannedTask t : plan.ready()) {
            TaskSnapshot s = Snapshots.of(t);
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("position", plan.position(t));
            task.put("id", s.id());
            task.put("title", s.title());
            task.put("priority", String.valueOf(s.priority()));
            task.put("type", String.valueOf(s.taskType()));
            List<Map<String, Object>> criteria = new ArrayList<>();
            for (CriterionSpec c : s.criteria()) {
                if (!planned(c)) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", c.number());
                m.put("text", c.text());
                m.put("executable", c.executable());
                List<Step> steps = CriterionSteps.of(c);
                m.put("steps", steps.stream().filter(Step::acts).map(st -> Map.of("kind", st.kind(),
                        "does", redactor.redact(st.describe().replaceFirst("^" + st.kind() + ": ", "")))).toList());
                m.put("dir", c.workingDir());
                m.put("env", List.copyOf(c.env().keySet()));
                m.put("needs", String.valueOf(c.needs()));
                m.put("checks", steps.stream().flatMap(st -> st.describeCheck().stream()).map(redactor::redact).toList());
                Plans.clusterWarning(s.id(), c, kubeContext).ifPresent(w -> m.put("warning", w));
                criteria.add(m);
            }
            task.put("criteria", criteria);
            tasks.add(task);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tasks", tasks);
        doc.put("waiting", plan.waiting().entrySet().stream().map(w -> Map.of("id", w.getKey().id(),
                "on", w.getValue())).toList());
        doc.put("invalid", plan.invalid().stream().map(i -> i.path() + ":" + i.line() + ": " + i.problem()).toList());
        return doc;
    }

    private ExecutionOptions options() {
        return new ExecutionOptions(false, criteria, false);
    }

    private static void printCriterion(PrintStream out, CriterionSpec c, Redactor redactor) {
        out.printf("   %d. %s%n", c.number(), c.text());
        if (!c.executable()) {
            out.println("      needs a person: no run step or typed action");
        }
        List<Step> steps = CriterionSteps.of(c);
        steps.stream().filter(Step::acts).forEach(st -> out.println("      " + pad(st.kind())
                + redactor.redact(st.describe().replaceFirst("^" + st.kind() + ": ", ""))));
        out.println("      " + pad("in") + (c.workingDir().isEmpty() ? "(workspace root)" : c.workingDir()));
        if (!c.env().isEmpty()) {
            out.println("      " + pad("env") + String.join(" ", c.env().keySet()));
        }
        if (!c.needs().isEmpty()) {
            out.println("      " + pad("needs") + c.needs());
        }
        steps.forEach(st -> st.describeCheck().ifPresent(check -> out.println("      " + pad("check")
                + (st instanceof ShellStep ? "verify: " : st.kind() + ": ") + redactor.redact(check))));
        if (c.executable() && steps.stream().noneMatch(st -> st.describeCheck().isPresent())) {
            out.println("      " + pad("check") + "none: will be reported unverifiable");
        }
    }

    private static String pad(String key) {
        return String.format("%-10s", key);
    }
}
