package io.taskstream.launcher.cli;

import io.taskstream.reporter.report.Summary;

import java.io.PrintWriter;

/**
 * How a run ended, as its events tell, and the summary {@code demo}, {@code run} and {@code scan --wait} print.
 *
 * @param markdown the report the reporter of this process wrote; {@code null} when the reporter runs elsewhere
 * @param json     its JSON twin; {@code null} likewise
 * @param html     its self-contained HTML page; {@code null} likewise
 */
record RunOutcome(String runId, Summary summary, String markdown, String json, String html) {

    /**
     * {@link Exit#FAILED} when a task ended blocked, or waits for good (on a dependency that will not complete);
     * otherwise {@link Exit#INVALID} when task files were invalid; otherwise {@link Exit#OK}: every task the run
     * could work on completed, was withdrawn or, in a dry run, was planned.
     */
    int exitCode() {
        if (summary.blocked() > 0) {
            return Exit.FAILED;
        }
        if (summary.invalid() > 0) {
            return Exit.INVALID;
        }
        return summary.waiting() > 0 ? Exit.FAILED : Exit.OK;
    }

    void print(PrintWriter out) {
        Summary s = summary;
        out.println();
        out.printf("Run %s finished in %.1f s%n", runId, s.durationMillis() / 1000.0);
        out.printf("  tasks %d: %d completed, %d blocked, %d still waiting; %d invalid task files%n",
                s.tasks(), s.completed(), s.blocked(), s.waiting(), s.invalid());
        if (s.withdrawn() > 0 || s.planned() > 0) {
            out.printf("  %d withdrawn, %d planned (dry run)%n", s.withdrawn(), s.planned());
        }
        out.printf("  criteria met %d of %d%n", s.criteriaMet(), s.criteriaTotal());
        if (markdown != null) {
            out.println("  report " + markdown);
            out.println("  page   " + html);
            out.println("  data   " + json);
        } else {
            out.println("  report session-" + runId + ".md, .html and .json, written by the reporter service into its --reports");
        }
        out.flush();
    }
}
