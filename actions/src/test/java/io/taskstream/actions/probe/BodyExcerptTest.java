package io.taskstream.actions.probe;

import io.taskstream.runtime.process.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BodyExcerptTest {
    @Test
    void controlCharactersAreCleanedAndTheExcerptIsOneLine() {
        assertThat(BodyExcerpt.of("\uFEFF  line one\r\n\tline\u001B[31m two\u0000\n", Redactor.none()))
                .isEqualTo("body starts: \"line one line?[31m two?\"");
    }

    @Test
    void aLongBodyIsCutWithoutSplittingACharacter() {
        String body = "x".repeat(BodyExcerpt.LENGTH - 1) + "\uD83D\uDE00" + "tail";

        assertThat(BodyExcerpt.of(body, Redactor.none()))
                .isEqualTo("body starts: \"" + "x".repeat(BodyExcerpt.LENGTH - 1) + "…\"");
    }

    @Test
    void aSecretThatRunsPastTheExcerptIsStillRedacted() {
        String secret = "k".repeat(300);
        String body = "x".repeat(150) + secret;

        assertThat(BodyExcerpt.of(body, new Redactor(List.of(secret))))
                .isEqualTo("body starts: \"" + "x".repeat(150) + Redactor.MASK + "\"")
                .doesNotContain("kkkk");
    }

    @Test
    void anEmptyOrBlankBodyIsSaidSo() {
        assertThat(BodyExcerpt.of("", Redactor.none())).isEqualTo("the body is empty");
        assertThat(BodyExcerpt.of(" \r\n", Redactor.none())).isEqualTo("the body is blank");
    }
}
