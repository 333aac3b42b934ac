package io.taskstream.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepValuesTest {

    @ParameterizedTest
    @CsvSource({"30s,30", "10m,600", "1h,3600", "1h30m,5400", "2h0m5s,7205", "90s,90"})
    void timeoutsAreHoursMinutesAndSeconds(String text, long seconds) {
        assertThat(StepValues.timeout(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({"10", "1m1h", "5 m", "-1m", "1d", "9999999999h"})
    void otherTimeoutsAreRefused(String text) {
        assertThatThrownBy(() -> StepValues.timeout(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envTakesOneOrSeveralPairsAndEmptyValues() {
        assertThat(StepValues.env("A=1 B=2\tC=")).containsExactly(
                Map.entry("A", "1"), Map.entry("B", "2"), Map.entry("C", ""));
        assertThat(StepValues.env("URL=http://127.0.0.1:5000/x?a=b")).containsEntry("URL", "http://127.0.0.1:5000/x?a=b");
    }

    @Test
    void needsAcceptsCommasAndSpacesAndDropsRepeats() {
        assertThat(StepValues.needs("1, 2 3,1")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> StepValues.needs("#2")).hasMessageContaining("'#2' is not a criterion number");
    }

    @Test
    void workingDirectoriesAreNormalisedInsideTheWorkspace() {
        assertThat(StepValues.workingDir("ffl")).isEqualTo("ffl");
        assertThat(StepValues.workingDir("./a//b/../c/")).isEqualTo("a/c");
        assertThat(StepValues.workingDir("a/..")).isEqualTo(".");
        assertThat(StepValues.workingDir("a\\b")).isEqualTo("a/b");
        assertThatThrownBy(() -> StepValues.workingDir("C:\\work")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> StepValues.workingDir("..")).hasMessageContaining("leaves the workspace");
    }

    @Test
    void criterionCombinesItsSteps() {
        Criterion c = new Criterion(3, "t", 10, false, List.of(
                new Step("env", "A=1 B=2", 11), new Step("env", "B=3", 12), new Step("needs", "1", 13),
                new Step("needs", "2, 1", 14), new Step("verify", "true", 15), new Step("http", "GET /", 16)));

        assertThat(c.env()).containsExactly(Map.entry("A", "1"), Map.entry("B", "3"));
        assertThat(c.needs()).containsExactly(1, 2);
        assertThat(c.runs()).isEmpty();
        assertThat(c.workingDir()).isEmpty();
        assertThat(c.timeout()).isEmpty();
        assertThat(c.actions()).extracting(Step::key).containsExactly("http");
        assertThat(c.hasExecutableStep()).isTrue();
    }

    @Test
    void aVerifyStepAloneIsNotExecutable() {
        Criterion c = new Criterion(1, "t", 1, false, List.of(new Step("verify", "true", 2)));

        assertThat(c.hasExecutableStep()).isFalse();
    }

    @Test
    void prioritiesParseIgnoringCaseAndRankByUrgency() {
        assertThat(Priority.parse(" Critical ")).isEqualTo(Priority.CRITICAL);
        assertThat(Priority.parse("LOW")).isEqualTo(Priority.LOW);
        assertThat(Priority.CRITICAL.rank()).isLessThan(Priority.HIGH.rank());
        assertThat(Priority.MEDIUM.rank()).isLessThan(Priority.LOW.rank());
        assertThatThrownBy(() -> Priority.parse("urgent")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown priority 'urgent'");
    }
}
