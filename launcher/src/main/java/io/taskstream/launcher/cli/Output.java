package io.taskstream.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code -o text|json}: what a command prints, for people (the default) or for programs. */
final class Output {
    enum Format { TEXT, JSON }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: the same content as one JSON document on standard output")
    Format format = Format.TEXT;

    boolean json() {
        return format == Format.JSON;
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
