package io.taskstream.task.parse;

import static io.taskstream.task.Fixtures.FLUX;
import static io.taskstream.task.Fixtures.HEALTH;
import static io.taskstream.task.Fixtures.IMAGE_BUILD;
import static io.taskstream.task.Fixtures.REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskstream.task.Criterion;
import io.taskstream.task.Fixtures;
import io.taskstream.task.LogEntry;
import io.taskstream.task.Priority;
import io.taskstream.task.Step;
import io.taskstream.task.TaskFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFileParserTest {

    @Test
    void registryTaskWithCrlfHasNineCriteriaWithLinesAndBoxes() {
        TaskFile f = Fixtures.parse(REGISTRY);

        assertThat(f.source()).isEqualTo(Fixtures.text(REGISTRY)).contains("\r\n");
        assertThat(f.path()).isEqualTo("tasks/active/" + REGISTRY);
        assertThat(f.title()).isEqualTo("TASK-001: Update registry configuration to the new IP");
        assertThat(f.titleLine()).isEqualTo(12);
        assertThat(f.criteria()).extracting(Criterion::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(f.criteria()).extracting(Criterion::line).containsExactly(18, 22, 24, 29, 32, 35, 38, 41, 43);
        assertThat(f.criteria()).extracting(Criterion::checked)
                .containsExactly(true, true, false, false, false, false, true, false, false);
        assertThat(f.criteria().get(0).text()).isEqualTo("Registry certificate regenerated for 127.0.0.1 ✓");
        assertThat(f.criteria().get(7).text()).contains("réseau local");
    }

    @Test
    void registryTaskStepsAreReadAndNotesAreNot() {
        TaskFile f = Fixtures.parse(REGISTRY);

        Criterion helm = f.criteria().get(2);
        assertThat(helm.text()).isEqualTo("HelmRelease values use the new registry address");
        assertThat(helm.steps()).extracting(Step::key).containsExactly("run", "in", "needs", "verify");
        assertThat(helm.steps()).extracting(Step::line).containsExactly(25, 26, 27, 28);
        assertThat(helm.runs()).containsExactly("sed -i 's/old-registry:5000/127.0.0.1:5000/' apps/registry/values.yaml");
        assertThat(helm.workingDir()).contains("beckerkube");
        assertThat(helm.needs()).containsExactly(1);
        assertThat(helm.verifies()).containsExactly("grep -q '127.0.0.1:5000' apps/registry/values.yaml");

        Criterion docker = f.criteria().get(7);
        assertThat(docker.steps()).isEmpty();
        assertThat(docker.hasExecutableStep()).isFalse();

        Criterion catalog = f.criteria().get(8);
        assertThat(catalog.needs()).containsExactly(2, 3);
        assertThat(catalog.timeout()).contains(Duration.ofMinutes(90));
        assertThat(catalog.actions()).extracting(Step::key).containsExactly("http");
        assertThat(catalog.hasExecutableStep()).isTrue();
        assertThat(f.criteria().get(1).actions()).containsExactly(
                new Step("tls", "127.0.0.1:5000 names 127.0.0.1", 23));
    }

    @Test
    void registryTaskFrontMatterAndLog() {
        TaskFile f = Fixtures.parse(REGISTRY);

        assertThat(f.id()).isEqualTo("TASK-001");
        assertThat(f.frontMatter().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(f.frontMatter().status()).isEqualTo("active");
        assertThat(f.frontMatter().labels()).containsExactly("infrastructure", "registry");
        assertThat(f.frontMatter().dependsOn()).isEmpty();
        assertThat(f.frontMatter().created()).isEqualTo("2025-10-15");
        assertThat(f.frontMatter().updated()).isEqualTo("2025-10-16");
        assertThat(f.frontMatter().startLine()).isEqualTo(1);
        assertThat(f.frontMatter().endLine()).isEqualTo(10);
        assertThat(f.progressLog()).containsExactly(
                new LogEntry("2025-10-16 09:10: Regenerated the registry certificate ✓", 51),
                new LogEntry("2025-10-16 09:40: Registry answers with the new certificate"
                        + " (checked from the build machine)", 52));
    }

    @Test
    void fencedCodeBlocksNeverBecomeCriteria() {
        TaskFile f = Fixtures.parse(IMAGE_BUILD);

        assertThat(f.criteria()).hasSize(5);
        assertThat(f.criteria()).extracting(Criterion::text).noneMatch(t -> t.contains("fake"));
        assertThat(f.criteria()).extracting(Criterion::line).containsExactly(23, 24, 30, 38, 45);
    }

    @Test
    void imageBuildStepsCarryCommandDirectoryEnvironmentAndTimeout() {
        TaskFile f = Fixtures.parse(IMAGE_BUILD);

        Criterion ffl = f.criteria().get(1);
        assertThat(ffl.runs()).containsExactly("./scripts/build.sh --push all");
        assertThat(ffl.workingDir()).contains("ffl");
        assertThat(ffl.env()).containsExactly(Map.entry("REGISTRY_URL", "127.0.0.1:5000"), Map.entry("VERSION", "0.1.18"));
        assertThat(ffl.timeout()).contains(Duration.ofMinutes(15));
        assertThat(ffl.verifies()).containsExactly("curl -fs http://127.0.0.1:5000/v2/ffl-backend/tags/list | grep -q 0.1.18");

        Criterion midwest = f.criteria().get(2);
        assertThat(midwest.steps()).containsExactly(
                new Step("build", "midwestmtg/backend -> 127.0.0.1:5000/midwestmtg-backend:0.1.12", 31));

        Criterion agents = f.criteria().get(3);
        assertThat(agents.runs()).containsExactly("make build TAG=`git rev-parse --short HEAD`");
        assertThat(agents.workingDir()).contains("services/mtg_dev_agents");
        assertThat(agents.env()).containsOnlyKeys("DOCKER_BUILDKIT", "TAG");
        assertThat(agents.needs()).containsExactly(1, 2);
        assertThat(agents.timeout()).isEmpty();

        assertThat(f.criteria().get(4).actions()).extracting(Step::key).containsExactly("set-image");
        assertThat(f.frontMatter().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(f.frontMatter().dependsOn()).containsExactly("TASK-001");
    }

    @Test
    void progressLogStopsAtTheNextSection() {
        TaskFile f = Fixtures.parse(IMAGE_BUILD);

        assertThat(f.progressLog()).extracting(LogEntry::line).containsExactly(53, 54);
        assertThat(f.progressLog().get(1).text()).isEqualTo("2025-10-17 15:05: midwestmtg build failed: base image missing");
    }

    @Test
    void fluxTaskAcceptsSingleStringsAndHasNoLog() {
        TaskFile f = Fixtures.parse(FLUX);

        assertThat(f.frontMatter().labels()).containsExactly("deployment");
        assertThat(f.frontMatter().dependsOn()).containsExactly("TASK-002");
        assertThat(f.frontMatter().status()).isEqualTo("backlog");
        assertThat(f.frontMatter().updated()).isEmpty();
        assertThat(f.frontMatter().priority()).isEqualTo(Priority.HIGH);
        assertThat(f.criteria()).hasSize(4);
        assertThat(f.criteria().get(0).actions()).extracting(Step::value)
                .containsExactly("apps/ffl/helmrelease.yaml spec.values.image.tag = 0.1.18");
        assertThat(f.criteria().get(2).actions()).extracting(Step::key).containsExactly("k8s-ready");
        assertThat(f.criteria().get(2).timeout()).contains(Duration.ofMinutes(10));
        assertThat(f.progressLog()).isEmpty();
    }

    @Test
    void capitalisedKeysAreNotesAndAFileWithoutFinalNewlineParses() {
        TaskFile f = Fixtures.parse(HEALTH);

        assertThat(f.source()).doesNotEndWith("\n");
        assertThat(f.criteria()).extracting(Criterion::hasExecutableStep).containsExactly(true, true, true, false);
        assertThat(f.criteria().get(3).steps()).isEmpty();
        assertThat(f.criteria().get(2).steps()).hasSize(1);
        assertThat(f.criteria().get(1).timeout()).contains(Duration.ofSeconds(30));
        assertThat(f.progressLog()).extracting(LogEntry::line).containsExactly(28, 29);
    }

    @Test
    void missingCriteriaSectionAndOptionalKeysGetDefaults() {
        TaskFile f = Fixtures.parseText("tasks/backlog/T.md", "---\nid: T-1\ntitle: Only a title\n---\nNo heading here.\n");

        assertThat(f.criteria()).isEmpty();
        assertThat(f.progressLog()).isEmpty();
        assertThat(f.frontMatter().priority()).isEqualTo(Priority.MEDIUM);
        assertThat(f.frontMatter().status()).isEqualTo("active");
        assertThat(f.frontMatter().labels()).isEmpty();
        assertThat(f.title()).isEqualTo("Only a title");
        assertThat(f.titleLine()).isZero();
    }

    @Test
    void datesStayTextAndRawKeepsEveryKey() {
        TaskFile f = Fixtures.parseText("t.md", "---\nid: T-1\ncreated: 2025-10-16\nowner: ops\nretries: 2\n---\n");

        assertThat(f.frontMatter().created()).isEqualTo("2025-10-16");
        assertThat(f.frontMatter().raw()).containsEntry("created", "2025-10-16")
                .containsEntry("owner", "ops").containsEntry("retries", 2);
    }

    @Test
    void headingMatchIgnoresCaseAndSectionMayHoldSubheadings() {
        String text = "\uFEFF---\nid: T-1\n---\n# Title #\n## acceptance CRITERIA\n### Phase 1\n- [ ] a\n  - run: true\n"
                + "### Phase 2\n- [x] b\n## Other\n- [ ] not a criterion\n";
        TaskFile f = Fixtures.parseText("t.md", text);

        assertThat(f.title()).isEqualTo("Title");
        assertThat(f.criteria()).extracting(Criterion::text).containsExactly("a", "b");
        assertThat(f.criteria()).extracting(Criterion::line).containsExactly(7, 10);
        assertThat(f.criteria().get(0).runs()).isEqualTo(List.of("true"));
    }
}
