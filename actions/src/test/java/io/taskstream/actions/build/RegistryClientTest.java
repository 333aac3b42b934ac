package io.taskstream.actions.build;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.task.action.ImageRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryClientTest {
    private static TestRegistry registry;
    private final RegistryClient client = new RegistryClient();

    @BeforeAll
    static void registry(@TempDir Path dir) {
        registry = TestRegistry.start(dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aTagTheRegistryDoesNotHaveFailsNamingIt() {
        ImageRef image = new ImageRef(registry.address(), "absent-" + UUID.randomUUID().toString().substring(0, 8),
                "1");
        assertThat(client.manifestDigest(image)).isEmpty();
        StepResult result = client.check(image, "sha256:" + "a".repeat(64));
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason())
                .isEqualTo("the registry has no tag 1 of " + image.repository()));
    }

    @Test
    void aRegistryThatDoesNotAnswerIsWorthAnotherTry() throws IOException {
        ImageRef image = new ImageRef("127.0.0.1:" + TestRegistry.freePort(), "app", "1");
        StepResult result = client.check(image, "sha256:" + "a".repeat(64));
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).startsWith("registry " + image.registry() + " does not answer: ")
                    .endsWith("connection refused");
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void localhostIsReachedOverPlainHttpLikeLoopbackAddresses(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /Dockerfile\n");
        ImageRef pushed = new ImageRef(registry.address(), "local-" + UUID.randomUUID().toString().substring(0, 8),
                "v1");
        try (DockerEngine engine = Engines.require()) {
            StepResult built = new ImageBuild(engine).buildAndPush(dir, pushed, Duration.ofMinutes(2),
                    Redactor.none());
            assertThat(built).isInstanceOf(Done.class);
            String digest = ((Done) built).facts().get("digest");

            ImageRef byName = new ImageRef(registry.address().replace("127.0.0.1", "localhost"),
                    pushed.repository(), pushed.tag());
            assertThat(client.manifestDigest(byName)).hasValue(digest);
            assertThat(client.check(byName, digest)).isInstanceOf(Done.class);
            engine.client().removeImageCmd(pushed.toString()).withForce(true).exec();
        }
    }
}
