package io.taskstream.actions;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionsConfigTest {
    private static final ActionsConfig VALID = ActionsConfig.defaults(Path.of("/var/lib/taskstream/executor-1"));

    @Test
    void eachInstanceMayKeepItsClonesElsewhere() {
        ActionsConfig moved = VALID.withStateDir(Path.of("/var/lib/taskstream/verifier"));

        assertThat(moved.stateDir()).isEqualTo(Path.of("/var/lib/taskstream/verifier"));
        assertThat(moved.withStateDir(VALID.stateDir())).isEqualTo(VALID);
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> VALID.withStateDir(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("actions.stateDir: null — expected");
        assertThatThrownBy(() -> new ActionsConfig("", null, "unix:///var/run/docker.sock", List.of(), Optional.empty(),
                true, VALID.stateDir())).hasMessageStartingWith("actions.kubeconfig: null — expected");
        assertThatThrownBy(() -> new ActionsConfig("", VALID.kubeconfig(), " ", List.of(), Optional.empty(), true,
                VALID.stateDir())).hasMessageStartingWith("actions.dockerHost: \" \" — expected");
        assertThatThrownBy(() -> new ActionsConfig("", VALID.kubeconfig(), VALID.dockerHost(), List.of("reg:5000", ""),
                Optional.empty(), true, VALID.stateDir()))
                .hasMessageStartingWith("actions.insecureRegistries: [reg:5000, ] — expected");
        assertThatThrownBy(() -> new ActionsConfig.GitOps("", "main", "", false))
                .hasMessageStartingWith("actions.gitops.remote: \"\" — expected");
        assertThatThrownBy(() -> new ActionsConfig.GitOps("file:///srv/gitops.git", null, "", false))
                .hasMessageStartingWith("actions.gitops.branch: null — expected");
    }
}
