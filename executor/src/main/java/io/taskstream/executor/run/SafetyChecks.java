package io.taskstream.executor.run;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks made before anything of a criterion runs (seed 001's safety checks): the working directory is on the
 * branch the task names, and a criterion that talks to a cluster talks to the configured one.
 */
final class SafetyChecks {
    private static final Pattern CLUSTER_COMMAND = Pattern.compile("(^|[\\s;&|(`$])(kubectl|helm|flux)(\\s|$)");

    private final String kubeContext;
    private final Path kubeconfig;

    /**
     * @param kubeContext the only context cluster commands may use; empty: cluster commands are refused
     * @param kubeconfig  the kubeconfig whose {@code current-context} is checked
     */
    SafetyChecks(String kubeContext, Path kubeconfig) {
        this.kubeContext = kubeContext == null ? "" : kubeContext;
        this.kubeconfig = kubeconfig;
    }

    /** @return why the criterion must not run, or empty when it may */
    Optional<String> refuse(TaskSnapshot task, CriterionSpec spec, Path dir) {
        if (!task.branch().isEmpty()) {
            Optional<String> branch = branchProblem(task.branch(), dir);
            if (branch.isPresent()) {
                return branch;
            }
        }
        return touchesCluster(spec) ? contextProblem() : Optional.empty();
    }

    static boolean touchesCluster(CriterionSpec spec) {
        return spec.actions().stream().anyMatch(a -> a.kind().equals("k8s-ready"))
                || spec.run().stream().anyMatch(c -> CLUSTER_COMMAND.matcher(c).find());
    }

    private static Optional<String> branchProblem(String expected, Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return Optional.of(dir + " is not in a git work tree; the task expects branch " + expected);
        }
        try (Repository repo = builder.build()) {
            String actual = repo.getBranch();
            return expected.equals(actual) ? Optional.empty()
                    : Optional.of(dir + " is on branch " + actual + ", the task expects " + expected);
        } catch (IOException e) {
            return Optional.of("cannot read the git branch of " + dir + ": " + e.getMessage());
        }
    }

    private Optional<String> contextProblem() {
        if (kubeContext.isEmpty()) {
            return Optional.of("the criterion talks to a cluster and no kube context is configured (kubeContext)");
        }
        String actual = currentContext();
        return kubeContext.equals(actual) ? Optional.empty()
                : Optional.of("kube context is " + (actual.isEmpty() ? "not set" : "'" + actual + "'")
                + " in " + kubeconfig + ", expected '" + kubeContext + "'");
    }

    private String currentContext() {
        try {
            if (kubeconfig == null || !Files.isRegularFile(kubeconfig)) {
                return "";
            }
            return Files.readAllLines(kubeconfig).stream().filter(l -> l.startsWith("current-context:"))
                    .map(l -> l.substring("current-context:".length()).strip().replaceAll("^[\"']|[\"']$", ""))
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
