package io.taskstream.launcher.faults;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Locale;

/** Prints one line per fault case: its name, how long it took and whether it passed. */
final class CaseTimer implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CaseTimer.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NS).put("start", System.nanoTime());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        long start = context.getStore(NS).get("start", Long.class);
        System.out.printf(Locale.ROOT, "fault case %s.%s: %.1f s, %s%n", context.getRequiredTestClass().getSimpleName(),
                context.getRequiredTestMethod().getName(), (System.nanoTime() - start) / 1e9,
                context.getExecutionException().map(e -> "FAILED: " + e.getMessage().lines().findFirst().orElse(""))
                        .orElse("passed"));
    }
}
