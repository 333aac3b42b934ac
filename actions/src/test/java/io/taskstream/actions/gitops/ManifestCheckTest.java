package io.taskstream.actions.gitops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestCheckTest {
    @TempDir
    Path scratch;

    private ManifestCheck check() {
        return new ManifestCheck(GitOpsConfig.KUBECTL, Duration.ofSeconds(60), scratch);
    }

    @Test
    void helmReleaseAndMultiDocumentDeploymentAreKubernetesObjects() {
        assertThatCode(() -> check().manifest("release.yaml", Fixtures.text("apps/base/podinfo/release.yaml")))
                .doesNotThrowAnyException();
        assertThatCode(() -> check().manifest("deployment.yaml", Fixtures.text("apps/base/api/deployment.yaml")))
                .doesNotThrowAnyException();
    }

    @Test
    void objectsWithoutKindOrNameOrWithAnInvalidNameAreRefused() {
        assertThatThrownBy(() -> check().manifest("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n"))
                .isInstanceOf(ManifestCheck.Invalid.class)
                .hasMessageContaining("a.yaml has the metadata.name 'Bad_Name', which is not a valid Kubernetes name");
        assertThatThrownBy(() -> check().manifest("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"))
                .hasMessageContaining("b.yaml has no metadata.name");
        assertThatThrownBy(() -> check().manifest("c.yaml", "apiVersion: v1\nmetadata:\n  name: c\n"))
                .isInstanceOf(ManifestCheck.Invalid.class)
                .hasMessageContaining("c.yaml");
    }

    @Test
    void kustomizationFilesAreLeftToKustomize() {
        assertThatCode(() -> check().manifest("apps/production/kustomization.yaml",
                Fixtures.text("apps/production/kustomization.yaml"))).doesNotThrowAnyException();
    }

    @Test
    void theOverlayIsBuiltFromTheFilesItNames() throws Exception {
        Map<String, String> repo = Fixtures.repo();
        KustomizeFiles.Source files = path -> Optional.ofNullable(repo.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));

        assertThat(KustomizeFiles.collect(files, "apps/production")).containsOnlyKeys(Fixtures.FILES);
        assertThatCode(() -> check().kustomize(files, "apps/production")).doesNotThrowAnyException();
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void aFailingBuildIsQuoted() {
        Map<String, String> repo = Fixtures.repo();
        repo.put("apps/production/kustomization.yaml", Fixtures.replacedOnce(repo.get("apps/production/kustomization.yaml"),
                "podinfo-values.yaml", "podinfo-vals.yaml"));
        KustomizeFiles.Source files = path -> Optional.ofNullable(repo.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> check().kustomize(files, "apps/production"))
                .isInstanceOf(ManifestCheck.Invalid.class)
                .hasMessageStartingWith("kubectl kustomize apps/production failed (exit 1): ")
                .hasMessageContaining("apps/production/podinfo-vals.yaml: no such file or directory")
                .hasMessageNotContaining(scratch.toString());
    }

    @Test
    void noOverlayNoBuild() {
        assertThatCode(() -> check().kustomize(path -> Optional.empty(), "")).doesNotThrowAnyException();
    }
}
