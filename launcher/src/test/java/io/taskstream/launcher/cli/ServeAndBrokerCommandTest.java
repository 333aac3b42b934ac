package io.taskstream.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands containers run: their mistakes answer in a line with the documented exit code. */
class ServeAndBrokerCommandTest {
    private static final String STACK_FRAME = "\tat ";

    @Test
    void serveWithoutABrokerPointsToRunForTrials(@TempDir Path dir) {
        Cli.Result r = Cli.run("serve", "executor", "--task-repo", dir.toString(), "--workspace", dir.toString());

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains("serve needs --bootstrap-servers", "TASKSTREAM_BOOTSTRAP_SERVERS",
                "taskstream run").doesNotContain(STACK_FRAME);
    }

    @Test
    void serveOfAnUnknownServiceNamesTheServices() {
        Cli.Result r = Cli.run("serve", "executer", "--bootstrap-servers", "127.0.0.1:9");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).containsIgnoringCase("executor").containsIgnoringCase("scanner")
                .doesNotContain(STACK_FRAME);
    }

    @Test
    void serveAgainstADeadBrokerExitsUnavailable(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        Cli.Result r = Cli.run("serve", "verifier", "--bootstrap-servers", "127.0.0.1:" + closed,
                "--connect-timeout", "1s", "--task-repo", dir.toString(), "--workspace", dir.toString());

        assertThat(r.exit()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(r.err()).contains("cannot reach Kafka at 127.0.0.1:" + closed).doesNotContain(STACK_FRAME);
    }

    @Test
    void brokerWithAListenAddressThatIsNotHostPortSaysWhatItExpects() {
        Cli.Result r = Cli.run("broker", "--listen", "9092");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains("--listen", "'9092' is not HOST:PORT").doesNotContain(STACK_FRAME);
    }

    @Test
    void brokerOnATakenPortFailsInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Cli.Result r = Cli.run("broker", "--listen", "127.0.0.1:" + taken.getLocalPort());

            assertThat(r.exit()).isEqualTo(Exit.FAILED);
            assertThat(r.err()).contains("the broker did not start on 127.0.0.1:" + taken.getLocalPort(),
                    "is the port taken").doesNotContain(STACK_FRAME);
        }
    }
}
