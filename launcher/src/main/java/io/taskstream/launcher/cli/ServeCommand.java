package io.taskstream.launcher.cli;

import io.taskstream.launcher.pipeline.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** One service (or a few) against a shared Kafka: what a container or a systemd unit runs. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the named services against an existing Kafka until the process is stopped "
                + "(SIGINT/SIGTERM): the form for containers and hosts, one service per process.",
                "Unlike `run`, it never starts an embedded broker: --bootstrap-servers (or "
                        + "TASKSTREAM_BOOTSTRAP_SERVERS) is required. Start as many executors as the work needs: "
                        + "they share one consumer group."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:stopped", "1:a service failed to start", "2:bad usage",
                Exit.HELP_UNAVAILABLE},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream serve executor --bootstrap-servers kafka:9092 --task-repo URL --workspace /workspace",
                "  TASKSTREAM_BOOTSTRAP_SERVERS=kafka:9092 taskstream serve scanner --task-repo URL --workspace /ws \\",
                "      --webhook-port 8080 --webhook-host 0.0.0.0",
                "  taskstream serve reporter --config /etc/taskstream/taskstream.yaml --status-port 8088"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Parameters(arity = "1..*", paramLabel = "SERVICE",
            description = "scanner, executor, verifier or reporter (several: in one process)")
    List<Service> services;

    @Override
    public Integer call() throws Exception {
        if (options.bootstrapServers == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "serve needs --bootstrap-servers "
                    + "(or TASKSTREAM_BOOTSTRAP_SERVERS); to try things out with an embedded broker, use `taskstream run`");
        }
        if (services.size() == 1) {
            io.taskstream.launcher.logging.LogSetup.identify(services.get(0).name().toLowerCase(java.util.Locale.ROOT),
                    io.taskstream.launcher.pipeline.Pipeline.process());
        }
        RunCommand run = new RunCommand();
        run.spec = spec;
        run.options = options;
        run.services = services;
        run.taskRepoCheckedFirst = false;
        return run.call();
    }
}
