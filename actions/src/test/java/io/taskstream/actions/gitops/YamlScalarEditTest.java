package io.taskstream.actions.gitops;

import org.junit.jupiter.api.Test;

import static io.taskstream.actions.gitops.Fixtures.replacedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlScalarEditTest {
    private static final String RELEASE = Fixtures.text("apps/base/podinfo/release.yaml");
    private static final String VALUES = Fixtures.text("apps/production/podinfo-values.yaml");
    private static final String DEPLOYMENT = Fixtures.text("apps/base/api/deployment.yaml");

    @Test
    void doubleQuotedTagOfAHelmReleaseChangesOnlyItsBytes() {
        YamlScalarEdit.Result r = YamlScalarEdit.set(RELEASE, "spec.values.image.tag", "0.1.18");

        assertThat(r.text()).isEqualTo(replacedOnce(RELEASE, "\"0.1.17\"", "\"0.1.18\""));
        assertThat(r.oldValue()).isEqualTo("0.1.17");
        assertThat(r.line()).isEqualTo(24);
    }

    @Test
    void singleQuotedTagOfAnOverlayPatchStaysSingleQuoted() {
        YamlScalarEdit.Result r = YamlScalarEdit.set(VALUES, "spec.values.image.tag", "6.5.5");

        assertThat(r.text()).isEqualTo(replacedOnce(VALUES, "'6.5.4'", "'6.5.5'"));
    }

    @Test
    void containerByNameAndByIndex() {
        String byName = YamlScalarEdit.set(DEPLOYMENT, "spec.template.spec.containers[name=api].image",
                "registry.example.com/shop/api:1.5.0").text();
        String byIndex = YamlScalarEdit.set(DEPLOYMENT, "spec.template.spec.containers[1].image",
                "registry.example.com/shop/metrics-exporter:1.0").text();

        assertThat(byName).isEqualTo(replacedOnce(DEPLOYMENT, "api:1.4.2 #", "api:1.5.0 #"));
        assertThat(byIndex).isEqualTo(replacedOnce(DEPLOYMENT, "'registry.example.com/shop/metrics-exporter:0.9'",
                "'registry.example.com/shop/metrics-exporter:1.0'"));
    }

    @Test
    void crlfLineEndingsStay() {
        String crlf = RELEASE.replace("\n", "\r\n");

        YamlScalarEdit.Result r = YamlScalarEdit.set(crlf, "spec.values.image.tag", "0.1.18");

        assertThat(r.text()).isEqualTo(replacedOnce(crlf, "\"0.1.17\"", "\"0.1.18\""));
        assertThat(r.line()).isEqualTo(24);
    }

    @Test
    void flowStyleMappingsAndLists() {
        String memory = YamlScalarEdit.set(RELEASE, "spec.values.resources.limits.memory", "256Mi").text();
        String path = YamlScalarEdit.set(RELEASE, "spec.values.ingress.hosts[0].paths[0].pathType", "Prefix").text();

        assertThat(memory).isEqualTo(replacedOnce(RELEASE, "memory: 128Mi", "memory: 256Mi"));
        assertThat(path).isEqualTo(replacedOnce(RELEASE, "ImplementationSpecific", "Prefix"));
    }

    @Test
    void theOtherDocumentsOfTheFileStay() {
        String r = YamlScalarEdit.set(DEPLOYMENT, "spec.ports[0].targetPort", "8081").text();

        assertThat(r).isEqualTo(replacedOnce(DEPLOYMENT, "targetPort: 8080", "targetPort: 8081"));
    }

    @Test
    void anchoredScalarIsSetAfterItsAnchorAndTag() {
        String text = "image:\n  tag: &tag !!str 1.0 # pinned\n";

        assertThat(YamlScalarEdit.set(text, "image.tag", "1.1").text()).isEqualTo("image:\n  tag: &tag !!str 1.1 # pinned\n");
    }

    @Test
    void aValueSharedThroughAnAliasIsNotSet() {
        String aliased = "defaults: &d\n  tag: '1.0'\napi:\n  image: *d\n";
        String merged = "defaults: &d\n  tag: '1.0'\napi:\n  image:\n    <<: *d\n    pull: Always\n";

        assertThatThrownBy(() -> YamlScalarEdit.set(aliased, "api.image.tag", "1.1"))
                .hasMessageContaining("shared through the anchor &d");
        assertThatThrownBy(() -> YamlScalarEdit.set(merged, "api.image.tag", "1.1"))
                .hasMessageContaining("shared through");
    }

    @Test
    void plainValueThatWouldReadAsANumberIsQuoted() {
        String text = "image:\n  tag: v1   # plain\n";

        assertThat(YamlScalarEdit.set(text, "image.tag", "1.10").text()).isEqualTo("image:\n  tag: \"1.10\"   # plain\n");
        assertThat(YamlScalarEdit.set(text, "image.tag", "v1.10").text()).isEqualTo("image:\n  tag: v1.10   # plain\n");
    }

    @Test
    void offsetsCountCharactersAfterNonBmpComments() {
        String text = "# 🚀 release train 🚀\nimage:\n  tag: \"1.0\" # 🐳\n";

        assertThat(YamlScalarEdit.set(text, "image.tag", "1.1").text()).isEqualTo("# 🚀 release train 🚀\nimage:\n  tag: \"1.1\" # 🐳\n");
    }

    @Test
    void theSameValueLeavesTheTextAsItIs() {
        YamlScalarEdit.Result r = YamlScalarEdit.set(RELEASE, "spec.values.image.tag", "0.1.17");

        assertThat(r.text()).isSameAs(RELEASE);
        assertThat(r.changed("0.1.17")).isFalse();
    }

    @Test
    void missingPathNamesTheDeepestKeyThatExists() {
        assertThatThrownBy(() -> YamlScalarEdit.set(RELEASE, "spec.values.imag.tag", "1"))
                .isInstanceOf(YamlEditException.class)
                .hasMessage("the path spec.values.imag.tag does not exist: the deepest key that exists is spec.values,"
                        + " and it has no key 'imag'");
    }

    @Test
    void aPathInTwoDocumentsIsAmbiguous() {
        assertThatThrownBy(() -> YamlScalarEdit.set(DEPLOYMENT, "metadata.name", "web"))
                .hasMessage("the path metadata.name is ambiguous: it exists in documents [1, 2] of the file");
    }

    @Test
    void aMappingIsNotAScalar() {
        assertThatThrownBy(() -> YamlScalarEdit.set(RELEASE, "spec.values.image", "1"))
                .hasMessage("spec.values.image is a mapping, not a scalar");
    }

    @Test
    void selectorsThatMatchNothing() {
        assertThatThrownBy(() -> YamlScalarEdit.set(DEPLOYMENT, "spec.template.spec.containers[name=web].image", "x"))
                .hasMessageContaining("no item of spec.template.spec.containers has name=web (names there: api, metrics)");
        assertThatThrownBy(() -> YamlScalarEdit.set(DEPLOYMENT, "spec.template.spec.containers[2].image", "x"))
                .hasMessageContaining("spec.template.spec.containers, and it has 2 items, none at [2]");
    }
}
