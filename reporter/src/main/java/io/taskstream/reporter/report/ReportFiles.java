package io.taskstream.reporter.report;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.reporter.report.html.HtmlReportWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code session-<runId>.md}, {@code session-<runId>.json} and {@code session-<runId>.html} into a directory. Each file is written to
 * a temporary file beside it and moved into place, so a reader never sees half a report.
 */
public final class ReportFiles {
    private final Path dir;
    private final MarkdownReportWriter markdown;
    private final JsonReportWriter json;
    private final HtmlReportWriter html = new HtmlReportWriter();

    public ReportFiles(Path dir, MarkdownReportWriter markdown, JsonReportWriter json) {
        this.dir = dir;
        this.markdown = markdown;
        this.json = json;
    }

    /** Files in {@code dir} with the default writers. */
    public ReportFiles(Path dir) {
        this(dir, new MarkdownReportWriter(), new JsonReportWriter(new EventCodec()));
    }

    public Path dir() {
        return dir;
    }

    public WrittenReport write(SessionReport report) throws IOException {
        Files.createDirectories(dir);
        String base = baseName(report.runId());
        Path md = dir.resolve(base + ".md");
        Path js = dir.resolve(base + ".json");
        writeAtomically(md, markdown.write(report));
        Path page = dir.resolve(base + ".html");
        writeAtomically(js, json.write(report));
        writeAtomically(page, html.write(report));
        return new WrittenReport(report.runId(), md, js, report.summary(), page);
    }

    /** {@code session-<runId>}, with characters a file name should not hold replaced by {@code -}. */
    public static String baseName(String runId) {
        return "session-" + runId.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
