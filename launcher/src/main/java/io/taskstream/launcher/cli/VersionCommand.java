package io.taskstream.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code taskstream version}, and the version {@code --version} prints. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the version of this taskstream build.",
        exitCodeListHeading = Exit.HEADING, exitCodeList = "0:always",
        footerHeading = Exit.EXAMPLES, footer = {"  taskstream version", "  taskstream --version"})
public final class VersionCommand implements Callable<Integer>, IVersionProvider {
    @Spec
    CommandSpec spec;

    /** The build's version, from the resource Maven filters; "unknown" when it is missing. */
    public static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/taskstream-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String manifest = VersionCommand.class.getPackage().getImplementationVersion();
        return manifest == null ? "unknown" : manifest;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"taskstream " + version()};
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("taskstream " + version());
        spec.commandLine().getOut().flush();
        return Exit.OK;
    }
}
