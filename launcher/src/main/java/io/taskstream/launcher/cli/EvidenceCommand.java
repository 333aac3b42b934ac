package io.taskstream.launcher.cli;

import io.taskstream.verifier.evidence.EvidenceAudit;
import io.taskstream.verifier.evidence.EvidenceKey;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** Lists a task's criteria with the signed evidence of each checked box, verified offline. */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = {"Verifies offline the signed evidence of each checked box of a task.",
                "Lists a task's criteria and, for each checked box, the verifier's signed evidence that checked it, "
                        + "verified against the repository as it is: the signature against a trusted key, the task "
                        + "file at the recording commit, and that commit in HEAD's history. A box checked without "
                        + "valid evidence (by hand, or evidence whose signature or subject does not match) is "
                        + "reported as such.",
                "Evidence is kept as git notes under refs/notes/taskstream; in a clone, fetch them first:",
                "  git fetch origin refs/notes/taskstream:refs/notes/taskstream"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every checked box has valid evidence", "1:a checked box lacks valid evidence",
                "2:bad usage, no trusted key, or no such task"},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream evidence TASK-002 --repo ./task-repo --key-id 3f2a...",
                "  taskstream evidence TASK-002 --repo ./task-repo \\",
                "      --key .taskstream/verifier/evidence-key.pub.pem"})
public final class EvidenceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TASK-ID", description = "the task, e.g. TASK-002")
    String taskId;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
            description = "a clone or working tree of the task repo (default: ${DEFAULT-VALUE})")
    Path repo;

    @Option(names = "--key", paramLabel = "PUBLIC.pem",
            description = "a public key to trust (PEM, X.509; the verifier writes its own as evidence-key.pub.pem); repeatable")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--key-id", paramLabel = "ID", split = ",",
            description = "a key id to trust (hex SHA-256 of the public key, as the verifier logs it at start); repeatable")
    List<String> keyIds = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (keys.isEmpty() && keyIds.isEmpty()) {
            err.println("evidence: name the verifier's key to trust: --key PUBLIC.pem or --key-id ID");
            return Exit.INVALID;
        }
        List<PublicKey> trusted = new ArrayList<>();
        for (Path key : keys) {
            try {
                trusted.addAll(EvidenceKey.readPublicKeys(key));
            } catch (Exception e) {
                err.println("evidence: cannot read the key " + key + ": " + e.getMessage());
                return Exit.INVALID;
            }
        }
        Set<String> ids = Set.copyOf(keyIds.stream().map(id -> id.trim().toLowerCase(Locale.ROOT)).toList());
        java.io.File start = repo.toAbsolutePath().normalize().toFile();
        if (!start.isDirectory()) {
            err.println("evidence: no directory " + start + ": pass a clone of the task repo (--repo DIR)");
            return Exit.INVALID;
        }
        if (new FileRepositoryBuilder().findGitDir(start).getGitDir() == null) {
            err.println("evidence: " + start + " is not in a git repository: pass a clone of the task repo (--repo DIR)");
            return Exit.INVALID;
        }
        try (Repository repository = new FileRepositoryBuilder().findGitDir(repo.toAbsolutePath().toFile())
                .setMustExist(true).build()) {
            EvidenceAudit.Report report;
            try {
                report = new EvidenceAudit(repository, new EvidenceAudit.Trust(trusted, ids)).audit(taskId);
            } catch (EvidenceAudit.TaskNotFound e) {
                err.println("evidence: " + e.getMessage());
                return Exit.INVALID;
            }
            out.printf("%s (%s at %s)%n", report.taskId(), report.path(), report.head().substring(0, 7));
            for (EvidenceAudit.Line line : report.lines()) {
                String mark = switch (line.status()) {
                    case VERIFIED -> "✓";
                    case NOT_CHECKED -> "·";
                    case NO_EVIDENCE, INVALID_EVIDENCE -> "✗";
                };
                out.printf("%s %d %s — %s%n", mark, line.number(), line.text(), line.detail());
            }
            if (!report.notes()) {
                err.println("evidence: this repository has no refs/notes/taskstream; fetch it: "
                        + "git fetch origin refs/notes/taskstream:refs/notes/taskstream");
            }
            out.flush();
            return report.allProven() ? Exit.OK : Exit.FAILED;
        } catch (IllegalArgumentException | java.io.IOException e) {
            err.println("evidence: cannot read the repository at " + repo + ": " + e.getMessage());
            return Exit.INVALID;
        }
    }
}
