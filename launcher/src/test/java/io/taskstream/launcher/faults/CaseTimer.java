package io.taskstream.launcher.faults;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Prints one line per fault case (its name, how long it took, whether it passed) and appends it to
 * {@code target/fault-cases.txt}.
 */
final class CaseTimer implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CaseTimer.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NS).put("start", System.nanoTime());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        long start = context.getStore(NS).get("start", Long.class);
        String line = String.format(Locale.ROOT, "fault case %s.%s: %.1f s, %s%n",
                context.getRequiredTestClass().getSimpleName(), context.getRequiredTestMethod().getName(),
                (System.nanoTime() - start) / 1e9, context.getExecutionException()
                        .map(e -> "FAILED: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")).orElse("passed"));
        System.out.print(line);
        // surefire sends a test's standard output to its report file; one file lists every case of the build
        try {
            Path target = Files.createDirectories(Path.of("target"));
            Files.writeString(target.resolve("fault-cases.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not note the case's duration: " + e);
        }
    }
}
