package io.taskstream.launcher.cli;

import io.taskstream.events.envelope.Topics;
import io.taskstream.testkit.BrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** doctor against a real broker and a real file:// remote: ok for those, what to do for what is missing. */
class DoctorCommandTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void saysOkForWhatAnswersAndWhatToDoForTheRest(@TempDir Path tmp) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(Topics.withPrefix("doc").layout(1).keySet().stream()
                    .map(n -> new NewTopic(n, 1, (short) 1)).toList()).all().get();
        }
        Path seed = tmp.resolve("seed");
        Files.createDirectories(seed.resolve("tasks"));
        Files.writeString(seed.resolve("tasks/README.md"), "tasks");
        try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("tasks").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid").call();
        }
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        Cli.Result r = Cli.run("doctor", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", "doc",
                "--task-repo", seed.toUri().toString(), "--workspace", workspace.toString(),
                "--registry", "http://127.0.0.1:" + closed, "--docker-host", "tcp://127.0.0.1:" + closed,
                "--connect-timeout", "5s");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.FAILED);
        assertThat(r.out().lines()).anyMatch(l -> l.matches("ok +kafka +" + kafka.bootstrapServers() + ": cluster .*"))
                .anyMatch(l -> l.matches("ok +topics +doc.*"))
                .anyMatch(l -> l.matches("ok +task-repo +.*seed.*"))
                .anyMatch(l -> l.matches("ok +workspace +.*ws writable"))
                .anyMatch(l -> l.matches("FAIL +docker +.*--docker-host.*"))
                .anyMatch(l -> l.matches("FAIL +registry +.*--registry URL.*"));
    }

    @Test
    void namesTheTopicsAndOptionsThatAreMissing(@TempDir Path tmp) {
        Cli.Result r = Cli.run("doctor", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", "absent",
                "--workspace", tmp.resolve("nope").toString(), "--connect-timeout", "5s");

        assertThat(r.exit()).isEqualTo(Exit.FAILED);
        assertThat(r.out().lines()).anyMatch(l -> l.matches("FAIL +topics +missing absent.*"))
                .anyMatch(l -> l.matches("FAIL +task-repo +not given: pass --task-repo URL"))
                .anyMatch(l -> l.matches("FAIL +workspace +.*nope does not exist.*"));
    }

    @Test
    void aTokenInTheTaskRepoUrlIsNeverPrinted(@TempDir Path tmp) throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        Cli.Result r = Cli.run("doctor", "--bootstrap-servers", kafka.bootstrapServers(), "--task-repo",
                "http://deploy:t0ken-s3cret@127.0.0.1:" + closed + "/tasks.git", "--workspace", tmp.toString());

        assertThat(r.out()).containsPattern("(?m)^FAIL +task-repo +http://deploy@127.0.0.1:" + closed)
                .doesNotContain("t0ken-s3cret");
        assertThat(r.err()).doesNotContain("t0ken-s3cret");
    }
}
