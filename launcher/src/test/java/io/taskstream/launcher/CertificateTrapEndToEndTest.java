package io.taskstream.launcher;

import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000's lost three hours, end to end: a certificate "regeneration" whose command succeeds while the server
 * still serves a certificate for the old address. The tls action catches it; the box stays unchecked, the task
 * ends blocked, and the reason names what is actually served.
 */
class CertificateTrapEndToEndTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void aSucceedingRegenerationNextToAStaleCertificateLeavesTheBoxUncheckedAndSaysWhatIsServed(@TempDir Path tmp)
            throws Exception {
        try (LoopbackTlsServer registry = LoopbackTlsServer.serving(Files.createDirectories(tmp.resolve("tls")),
                "dns:old-registry.local")) {
            String task = """
                    ---
                    id: TASK-010
                    title: Regenerate the registry certificate for the new name
                    priority: critical
                    status: active
                    labels: [security, registry]
                    ---

                    # TASK-010: Regenerate the registry certificate for the new name

                    ## Acceptance Criteria
                    - [ ] Certificate regenerated for new-registry.local
                      - run: `echo 'certificate regenerated'`
                      - tls: 127.0.0.1:%d names new-registry.local
                    """.formatted(registry.port());
            TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/TASK-010.md", task));
            Path workspace = Files.createDirectories(tmp.resolve("workspace"));
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "trap", repo.url, "main", workspace,
                    tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 100, 3);

            JsonObject finished = PipelineEndToEndTest.runOnce(config);

            assertThat(finished.getInteger("blocked")).isEqualTo(1);
            assertThat(finished.getInteger("completed")).isZero();
            String file = Files.readString(repo.cloneNow("after").resolve("tasks/active/TASK-010.md"));
            assertThat(file).contains("- [ ] Certificate regenerated for new-registry.local", "status: blocked")
                    .doesNotContain("[x]");
            String served = "127.0.0.1:" + registry.port() + " serves a certificate for DNS:old-registry.local";
            assertThat(file).contains(served);
            assertThat(Files.readString(Path.of(finished.getString("markdown"))))
                    .contains(served, "not new-registry.local");
        }
    }
}
