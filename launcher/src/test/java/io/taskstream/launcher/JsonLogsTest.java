package io.taskstream.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.launcher.logging.LogSetup;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.runtime.work.TaskDispatch;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON log lines: every line an object, and what a task's work logs names the service, instance, task and run. */
class JsonLogsTest {
    private static final String PASSING = """
            ---
            id: TASK-001
            title: Point the build at the new registry
            priority: critical
            status: active
            ---

            # TASK-001: Point the build at the new registry

            ## Acceptance Criteria
            - [ ] Registry address written
              - run: `printf 'REGISTRY_URL=127.0.0.1:5000\\n' > .env.build.local`
              - in: ffl
              - verify: `grep -qx 'REGISTRY_URL=127.0.0.1:5000' .env.build.local`
            """;
    private static final String ACTING = TaskDispatch.class.getName();

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @AfterEach
    void backToTheTestConfiguration() {
        LogSetup.reset();
    }

    @Test
    void linesLoggedWhileATaskRunsCarryTheServiceInstanceTaskAndRun(@TempDir Path tmp) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setName("capture");
        capture.setEncoder(LogSetup.jsonEncoder(context));
        capture.setOutputStream(captured);
        capture.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(capture);
        context.getLogger(LogSetup.OWN).setLevel(Level.DEBUG);
        String runId;
        try (RunningPipeline pipeline = new RunningPipeline(config(tmp, "json-pipeline"), "p1", Map.of())) {
            JsonObject finished = pipeline.run(false, ExecutionOptions.defaults());
            assertThat(finished.getInteger("completed")).isEqualTo(1);
            runId = finished.getString("runId");
        } finally {
            root.detachAppender(capture);
            capture.stop();
        }

        List<JsonObject> lines = jsonLines(captured.toString(StandardCharsets.UTF_8));
        List<JsonObject> acting = lines.stream().filter(l -> ACTING.equals(l.getString("logger_name"))
                && "acting on TASK-001".equals(l.getString("message"))).toList();
        assertThat(acting).as("the executor and the verifier each act on the task").isNotEmpty();
        assertThat(acting).allSatisfy(l -> {
            assertThat(l.getString("task")).isEqualTo("TASK-001");
            assertThat(l.getString("run")).isEqualTo(runId);
        });
        assertThat(acting).anySatisfy(l -> {
            assertThat(l.getString("service")).isEqualTo("executor");
            assertThat(l.getString("instance")).isEqualTo("executor-1.p1");
            assertThat(l.getString("thread_name")).as("a thread of the executor's keyed pool")
                    .startsWith("executor-executor-1.p1-");
        }).anySatisfy(l -> {
            assertThat(l.getString("service")).isEqualTo("verifier");
            assertThat(l.getString("instance")).isEqualTo("verifier-1");
        });
        assertThat(lines).as("the reporter's reading and report lines")
                .filteredOn(l -> l.getString("logger_name").startsWith("io.taskstream.reporter.")).isNotEmpty()
                .allSatisfy(l -> {
                    assertThat(l.getString("service")).isEqualTo("reporter");
                    assertThat(l.getString("instance")).isEqualTo("reporter-1");
                });
    }

    @Test
    void logFormatJsonMakesEveryLogLineOfTheCommandJson(@TempDir Path tmp) throws Exception {
        PipelineConfig config = config(tmp, "json-cli");
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sysErr = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Taskstream.commandLine(Map.of()).setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(new StringWriter(), true)).execute("run", "--log-format", "json",
                            "--log-level", "debug", "--bootstrap-servers", kafka.bootstrapServers(),
                            "--topic-prefix", config.topicPrefix(), "--task-repo", config.taskRepo(),
                            "--workspace", config.workspace().toString(), "--state-dir", config.stateDir().toString(),
                            "--reports", config.reportsDir().toString(), "--partitions", "3", "--scan", "--wait",
                            "--timeout", "120s");
        } finally {
            System.setErr(sysErr);
        }

        assertThat(exit).as(out.toString()).isZero();
        List<JsonObject> lines = jsonLines(err.toString(StandardCharsets.UTF_8));
        assertThat(lines).as("the verifier names its signing key at info; the tasks' work logs at debug")
                .anySatisfy(l -> assertThat(l.getString("message")).contains("signs evidence with key id"))
                .anySatisfy(l -> {
                    assertThat(l.getString("message")).isEqualTo("acting on TASK-001");
                    assertThat(l.getString("task")).isEqualTo("TASK-001");
                    assertThat(l.getString("service")).isEqualTo("executor");
                });
    }

    @Test
    void theEnvironmentChoosesTheFormatForCommandsWithoutAConfigFile() {
        int exit = Taskstream.commandLine(Map.of("TASKSTREAM_LOG_FORMAT", "JSON")).setOut(new PrintWriter(new StringWriter()))
                .execute("version");

        assertThat(exit).isZero();
        assertThat(rootAppenders()).containsExactly("JSON");

        LogSetup.reset();
        Taskstream.commandLine(Map.of()).setOut(new PrintWriter(new StringWriter())).execute("version");
        assertThat(rootAppenders()).as("text, as logback.xml says, by default").containsExactly("TEXT");
    }

    @Test
    void aBadFormatInTheEnvironmentIsBadUsageNamingTheVariable() {
        StringWriter err = new StringWriter();
        int exit = Taskstream.commandLine(Map.of("TASKSTREAM_LOG_FORMAT", "xml")).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err, true)).execute("version");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("TASKSTREAM_LOG_FORMAT", "'xml'", "text, json");
    }

    /** Every non-blank line, each of which has to be a JSON object with a timestamp, a level and a message. */
    private static List<JsonObject> jsonLines(String output) {
        List<String> raw = output.lines().filter(l -> !l.isBlank()).toList();
        assertThat(raw).isNotEmpty();
        List<JsonObject> lines = raw.stream().map(JsonObject::new).toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.fieldNames()).contains("@timestamp", "level", "message"));
        return lines;
    }

    private static List<String> rootAppenders() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<String> names = new java.util.ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> names.add(a.getName()));
        return names;
    }

    private static PipelineConfig config(Path tmp, String prefix) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/TASK-001.md", PASSING));
        Path workspace = Files.createDirectories(tmp.resolve("workspace/ffl")).getParent();
        return new PipelineConfig(kafka.bootstrapServers(), prefix, repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 200, 3);
    }
}
