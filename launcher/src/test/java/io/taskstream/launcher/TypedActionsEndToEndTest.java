package io.taskstream.launcher;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed actions through the whole pipeline: a verification task's http check, a deployment task's set-image
 * pushed to its own branch of a GitOps remote, a change in a workspace repository committed and pushed once
 * verified, and a build with no Docker engine to reach, skipped with the reason.
 */
class TypedActionsEndToEndTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    private static String task(String id, String labels, String criteria) {
        return "---\nid: " + id + "\ntitle: " + id + "\npriority: high\nstatus: active\nlabels: [" + labels
                + "]\n---\n\n# " + id + "\n\n## Acceptance Criteria\n" + criteria + "\n## Progress Log\n";
    }

    @Test
    void everyKindOfTaskRunsItsActionsAndTheVerifierChecksThemAgainstReality(@TempDir Path tmp) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer health = vertx.createHttpServer().requestHandler(r -> r.response()
                .setStatusCode(r.path().equals("/health") ? 200 : 404).end("ok")).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            TaskRepoFixture gitops = TaskRepoFixture.create(tmp.resolve("gitops"), Map.of("apps/api/release.yaml", """
                    apiVersion: helm.toolkit.fluxcd.io/v2
                    kind: HelmRelease
                    metadata:
                      name: api
                      namespace: apps
                    spec:
                      values:
                        image:
                          tag: "1.0.0"   # release tasks bump this
                    """));
            TaskRepoFixture project = TaskRepoFixture.create(tmp.resolve("project"), Map.of("VERSION", "1.0.0\n"));
            Path workspace = Files.createDirectories(tmp.resolve("workspace"));
            Git.cloneRepository().setURI(project.url).setDirectory(workspace.resolve("api").toFile())
                    .setBranch("main").call().close();
            TaskRepoFixture tasks = TaskRepoFixture.create(tmp.resolve("tasks"), Map.of(
                    "tasks/active/CHK-1.md", task("CHK-1", "verification", """
                            - [ ] Health answers ok
                              - http: GET http://127.0.0.1:%d/health -> 200 body ^ok$
                            """.formatted(health.actualPort())),
                    "tasks/active/DEP-1.md", task("DEP-1", "deployment, flux", """
                            - [ ] API HelmRelease points at 1.1.0
                              - set-image: apps/api/release.yaml spec.values.image.tag = 1.1.0
                            """),
                    "tasks/active/REL-1.md", task("REL-1", "release", """
                            - [ ] Version file says 1.1.0
                              - run: `echo 1.1.0 > VERSION`
                              - in: api
                              - verify: `grep -qx 1.1.0 VERSION`
                            """),
                    "tasks/active/BLD-1.md", task("BLD-1", "builds", """
                            - [ ] Image pushed
                              - build: api -> 127.0.0.1:5999/api:1.1.0
                            """)));
            ActionsConfig d = ActionsConfig.defaults(tmp.resolve("state"));
            ActionsConfig actions = new ActionsConfig("", d.kubeconfig(), "unix://" + tmp.resolve("no-docker.sock"),
                    List.of(), Optional.of(new ActionsConfig.GitOps(gitops.url, "main", "", true)), true,
                    tmp.resolve("state"));
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "typed", tasks.url, "main", workspace,
                    tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 100, 3, null, 4, actions);

            JsonObject finished = PipelineEndToEndTest.runOnce(config);

            assertThat(finished.getInteger("completed")).isEqualTo(3);
            assertThat(finished.getInteger("blocked")).isEqualTo(1);
            Path after = tasks.cloneNow("after");
            assertThat(after.resolve("tasks/completed/CHK-1.md")).exists();
            assertThat(after.resolve("tasks/completed/DEP-1.md")).exists();
            assertThat(after.resolve("tasks/completed/REL-1.md")).exists();
            assertThat(Files.readString(after.resolve("tasks/active/BLD-1.md")))
                    .contains("- [ ] Image pushed", "status: blocked", "no Docker engine answers");

            Path gitopsAfter = gitops.cloneNow("gitops-after");
            assertThat(Files.readString(gitopsAfter.resolve("apps/api/release.yaml")))
                    .as("branch mode leaves the base branch alone").contains("tag: \"1.0.0\"   # release tasks bump this");
            try (Git g = Git.cloneRepository().setURI(gitops.url).setDirectory(tmp.resolve("gitops-branch").toFile())
                    .setBranch("taskstream/DEP-1-1").call()) {
                assertThat(Files.readString(tmp.resolve("gitops-branch/apps/api/release.yaml")))
                        .contains("tag: \"1.1.0\"   # release tasks bump this");
            }

            assertThat(project.history().get(0)).startsWith("REL-1 #1: Version file says 1.1.0");
            assertThat(Files.readString(project.cloneNow("project-after").resolve("VERSION"))).isEqualTo("1.1.0\n");

            String report = Files.readString(Path.of(finished.getString("markdown")));
            assertThat(report).contains("on `taskstream/DEP-1-1`", "on its own branch for a person to merge",
                    "committed in `api` on `main`", "pushed", "no Docker engine answers");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
