package io.taskstream.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code -o text|json}: what a command prints, for people (the default) or for programs. */
final class Output {
    enum Format { TEXT, JSON }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", converter = FormatName.class,
            description = "text (default) or json: the same content as one JSON document on standard output")
    Format format = Format.TEXT;

    /** text or json in any case, whether or not the command line allows enum values in any case. */
    static final class FormatName implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not text or json");
            }
        }
    }

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
