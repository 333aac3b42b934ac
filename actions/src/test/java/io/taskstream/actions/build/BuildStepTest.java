package io.taskstream.actions.build;

import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.StepResult;
import io.taskstream.actions.Tools;
import io.taskstream.events.data.ActionSpec;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * build through the one step loop, as executor and verifier run it: the context is relative to the criterion's
 * directory, the act's digest travels as a fact, and each of two builds is checked against its own digest.
 */
class BuildStepTest {
    private static TestRegistry registry;
    private static DockerEngine engine;

    @BeforeAll
    static void engineAndRegistry(@TempDir Path registryDir) {
        engine = Engines.require();
        registry = TestRegistry.start(registryDir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        registry.close();
        engine.close();
    }

    private static TaskSnapshot task(CriterionSpec spec) {
        return new TaskSnapshot("TASK-2", "Build", "critical", "active", "tasks/active/TASK-2.md", List.of("builds"),
                List.of(), "build", List.of(spec));
    }

    @Test
    void twoBuildsInOneCriterionAreEachCheckedAgainstTheirOwnDigest(@TempDir Path workspace) throws Exception {
        for (String name : List.of("api", "web")) {
            Path context = Files.createDirectories(workspace.resolve("ffl/" + name));
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY " + name + ".txt /\n");
            Files.writeString(context.resolve(name + ".txt"), name + " " + System.nanoTime() + "\n");
        }
        String api = registry.address() + "/ffl-api:" + System.nanoTime();
        String web = registry.address() + "/ffl-web:" + System.nanoTime();
        CriterionSpec spec = new CriterionSpec(1, "Images pushed", 10, false, List.of(), "ffl", Map.of(), 0,
                List.of(), List.of(), List.of(new ActionSpec("build", "api -> " + api, 11),
                new ActionSpec("build", "web -> " + web, 12)));
        try (Tools tools = new Tools(CommandRunner.defaults(), Map.of())) {
            CriterionSteps steps = new CriterionSteps(new Workspace(workspace), tools, Map.of(), Duration.ofMinutes(2));

            StepResult acted = steps.act(task(spec), spec, Map.of());

            assertThat(acted).isInstanceOf(StepResult.Done.class);
            Map<String, String> facts = ((StepResult.Done) acted).facts();
            assertThat(facts.get("0:digest")).startsWith("sha256:").isNotEqualTo(facts.get("1:digest"));
            assertThat(facts).containsEntry("0:image", api).containsEntry("1:image", web);
            assertThat(steps.check(task(spec), spec, facts)).isInstanceOf(StepResult.Done.class);
            assertThat(steps.describeChecks(spec)).containsExactly(
                    "the registry serves " + api + " with the digest the push reported",
                    "the registry serves " + web + " with the digest the push reported");

            Map<String, String> swapped = new java.util.HashMap<>(facts);
            swapped.put("1:digest", facts.get("0:digest"));
            assertThat(steps.check(task(spec), spec, swapped)).isInstanceOfSatisfying(StepResult.Failed.class,
                    f -> assertThat(f.reason()).contains("ffl-web", "is served with digest " + facts.get("1:digest")));
        } finally {
            for (String image : List.of(api, web)) {
                try {
                    engine.client().removeImageCmd(image).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // not built
                }
            }
        }
    }

    @Test
    void withNoEngineAnsweringTheCriterionIsUnavailableNotFailed(@TempDir Path workspace) throws Exception {
        CriterionSpec spec = new CriterionSpec(1, "Image pushed", 10, false, List.of(), "", Map.of(), 0, List.of(),
                List.of(), List.of(new ActionSpec("build", "app -> " + registry.address() + "/app:1", 11)));
        try (Tools tools = Tools.open(new io.taskstream.actions.ActionsConfig("", workspace.resolve("kubeconfig"),
                "unix://" + workspace.resolve("no-engine.sock"), List.of(), java.util.Optional.empty(), true,
                workspace.resolve("state")), CommandRunner.defaults())) {
            StepResult r = new CriterionSteps(new Workspace(workspace), tools, Map.of(), Duration.ofSeconds(30))
                    .act(task(spec), spec, Map.of());

            assertThat(r).isInstanceOfSatisfying(StepResult.Unavailable.class,
                    u -> assertThat(u.reason()).contains("no Docker engine answers", "--docker-host"));
        }
    }
}
