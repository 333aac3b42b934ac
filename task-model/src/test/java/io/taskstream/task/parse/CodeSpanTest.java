package io.taskstream.task.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeSpanTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "`make build`|make build",
        "  `make build`  |make build",
        "``a `b` c``|a `b` c",
        "`` `x` ``|`x`",
        "make build|make build",
        "`a` and `b`|`a` and `b`",
        "`a` trailing|`a` trailing",
        "``|``",
        "`unbalanced``|`unbalanced``",
        "`` ``|\"\""})
    void oneSurroundingCodeSpanIsRemoved(String value, String expected) {
        assertThat(CriteriaReader.stripCodeSpan(value)).isEqualTo(expected);
    }
}
