package io.taskstream.launcher.cli;

import io.taskstream.actions.Plans;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.queue.TaskQueue;
import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.ScannedTask;
import io.taskstream.scanner.scan.Snapshots;
import io.taskstream.task.FileProblem;
import io.taskstream.task.FrontMatter;
import io.taskstream.task.parse.TaskFileException;
import io.taskstream.task.parse.TaskFileParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Checks a task repo on disk without Kafka: what the scanner would accept, queue, hold and refuse. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Parses every task file of a task repo's working tree and prints the queue.",
                "Prints each problem as file:line: problem, every problem of a file at once, and exits 2 when any "
                        + "file is invalid. Warnings (file:line: warning: ...) do not make a file invalid.",
                "Needs neither Kafka nor a remote: it reads the files on disk."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:every task file is valid", "2:a task file is invalid, or DIR is not a task repo; bad usage"},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream validate                     # the task repo in the current directory",
                "  taskstream validate ./task-repo --kube-context kind-dev",
                "  taskstream validate ./task-repo -o json | jq '.problems'"})
public final class ValidateCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        QueuePlan plan = LocalRepo.plan(dir);
        if (output.json()) {
            Output.printJson(spec.commandLine().getOut(), json(plan));
            return plan.invalid().isEmpty() ? Exit.OK : Exit.INVALID;
        }
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
        for (ScannedTask t : usable(plan)) {
            t.file().warnings().forEach(w -> System.err.println(t.path() + ":" + w.line() + ": warning: " + w.problem()));
        }
        problems(plan).forEach(System.err::println);
        return plan.invalid().isEmpty() ? Exit.OK : Exit.INVALID;
    }

    private Map<String, Object> json(QueuePlan plan) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dir", dir.toAbsolutePath().normalize().toString());
        doc.put("valid", plan.invalid().isEmpty());
        doc.put("ready", plan.ready().stream().map(t -> Map.of("position", plan.position(t), "id", t.id(),
                "priority", String.valueOf(t.file().frontMatter().priority()), "title", t.file().title())).toList());
        doc.put("waiting", plan.waiting().entrySet().stream().map(w -> Map.of("id", w.getKey().id(),
                "on", w.getValue())).toList());
        doc.put("blocked", plan.blocked().stream().map(ScannedTask::id).toList());
        doc.put("completed", plan.completed().stream().map(ScannedTask::id).toList());
        List<String> warnings = new ArrayList<>();
        for (ScannedTask t : plan.ready()) {
            TaskSnapshot s = Snapshots.of(t);
            s.criteria().forEach(c -> Plans.clusterWarning(s.id(), c, kubeContext).ifPresent(warnings::add));
        }
        for (ScannedTask t : usable(plan)) {
            t.file().warnings().forEach(w -> warnings.add(t.path() + ":" + w.line() + ": warning: " + w.problem()));
        }
        doc.put("warnings", warnings);
        doc.put("problems", problems(plan));
        return doc;
    }

    private static List<ScannedTask> usable(QueuePlan plan) {
        return Stream.of(plan.ready(), List.copyOf(plan.waiting().keySet()), plan.blocked(), plan.completed())
                .flatMap(List::stream).sorted(java.util.Comparator.comparing(ScannedTask::path)).toList();
    }

    /**
     * Every problem of every invalid file, as {@code file:line: problem}. The scan keeps one problem per file; a
     * file the parser refused is read again here for all of them, and for the dependencies it names that no task of
     * the repo has.
     */
    private List<String> problems(QueuePlan plan) throws IOException {
        Map<String, TaskFileException> refused = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        usable(plan).forEach(t -> ids.add(t.id()));
        for (InvalidFile bad : plan.invalid()) {
            if (bad.taskId() != null) {
                ids.add(bad.taskId());
            } else {
                reparse(bad.path()).ifPresent(e -> {
                    refused.put(bad.path(), e);
                    e.frontMatter().map(FrontMatter::id).filter(id -> !id.isBlank()).ifPresent(ids::add);
                });
            }
        }
        List<String> lines = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (InvalidFile bad : plan.invalid()) {
            TaskFileException e = refused.get(bad.path());
            if (e == null) {
                lines.add(bad.path() + ":" + bad.line() + ": " + bad.problem());
            } else if (shown.add(bad.path())) {
                List<FileProblem> all = new ArrayList<>(e.problems());
                e.frontMatter().ifPresent(fm -> TaskQueue.unknownDependencies(fm.dependsOn(), ids).forEach(d ->
                        all.add(new FileProblem(keyLine(dir.resolve(bad.path()), fm, "depends_on"),
                                "depends on " + d + ", which is not a task in this repo"))));
                all.sort(java.util.Comparator.comparingInt(FileProblem::line));
                all.forEach(p -> lines.add(p.describe(bad.path())));
            }
        }
        return lines;
    }

    /** The parser's verdict on a file the scan refused; empty when it is not a task file the parser refuses. */
    private Optional<TaskFileException> reparse(String path) throws IOException {
        Path file = dir.resolve(path);
        if (!Files.isRegularFile(file) || Files.size(file) > TaskFileParser.MAX_BYTES) {
            return Optional.empty();
        }
        try {
            new TaskFileParser().parse(path, Files.readAllBytes(file));
            return Optional.empty();
        } catch (TaskFileException e) {
            return Optional.of(e);
        }
    }

    private static int keyLine(Path file, FrontMatter fm, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = fm.startLine(); i < Math.min(fm.endLine(), lines.size()); i++) {
                if (lines.get(i).startsWith(key + ":")) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the line is a pointer only: fall back to the front matter's first line
        }
        return fm.startLine();
    }
}
