package io.taskstream.reporter.retro;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.taskstream.events.codec.EventCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code retrospective.md} and {@code retrospective.json} into a directory, each through a temporary file
 * moved into place. The JSON uses the event codec's mapper (times as ISO-8601), absent values left out.
 */
public final class RetroFiles {
    public static final String BASE_NAME = "retrospective";

    private final Path dir;
    private final ObjectWriter json;
    private final RetroMarkdownWriter markdown = new RetroMarkdownWriter();

    public RetroFiles(Path dir, EventCodec codec) {
        this.dir = dir;
        this.json = codec.mapper().copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .writerWithDefaultPrettyPrinter();
    }

    /** @return the Markdown file's path; the JSON file is beside it */
    public Path write(Retrospective r) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(BASE_NAME + ".md");
        writeAtomically(md, markdown.write(r));
        writeAtomically(dir.resolve(BASE_NAME + ".json"), json(r));
        return md;
    }

    public String json(Retrospective r) {
        try {
            return json.writeValueAsString(r) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the retrospective as JSON", e);
        }
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
