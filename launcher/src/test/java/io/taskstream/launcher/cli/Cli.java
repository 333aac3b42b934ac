package io.taskstream.launcher.cli;

import io.taskstream.launcher.Taskstream;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line as {@code main} does, capturing what it prints (through picocli and System.out/err). */
final class Cli {
    record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    static synchronized Result run(String... args) {
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Taskstream.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute(args);
            return new Result(exit, out + o.toString(StandardCharsets.UTF_8), err + e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
    }
}
