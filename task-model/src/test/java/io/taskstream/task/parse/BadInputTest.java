package io.taskstream.task.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {
    private static final String PATH = "tasks/active/BAD.md";

    /** One bad file, the line the error must name and a substring of the problem. */
    record BadInput(String name, byte[] bytes, int line, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static BadInput text(String name, String content, int line, String problem) {
        return new BadInput(name, content.getBytes(StandardCharsets.UTF_8), line, problem);
    }

    /** Lines 1-4 are front matter and heading; the body starts on line 5. */
    private static BadInput criteria(String name, String body, int line, String problem) {
        return text(name, "---\nid: T-1\n---\n## Acceptance Criteria\n" + body, line, problem);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(a, a.length + middle.length + c.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    static List<BadInput> badInputs() {
        byte[] tooLarge = new byte[TaskFileParser.MAX_BYTES + 1];
        Arrays.fill(tooLarge, (byte) 'a');
        return List.of(
                new BadInput("invalid UTF-8", concat("---\nid: T-1\n---\nbad ", new byte[] {(byte) 0xC3, 0x28}, "\n"),
                        4, "not valid UTF-8"),
                new BadInput("NUL byte", concat("---\r\nid: T-1\r\n---\r\n\r\n# x", new byte[] {0}, "\r\n"),
                        5, "NUL byte"),
                new BadInput("larger than 1 MiB", tooLarge, 1, "larger than the limit"),
                text("no front matter", "# TASK-1\n\n## Acceptance Criteria\n- [ ] a\n", 1, "missing front matter"),
                text("empty file", "", 1, "missing front matter"),
                text("unterminated front matter", "---\nid: T-1\n# TASK-1\n", 1, "not closed"),
                text("broken YAML indentation", "---\nid: T-1\ntitle: a\n  bad: indent\n---\n", 4, "not valid YAML"),
                text("broken YAML flow list", "---\nid: T-1\nlabels: [a, b\npriority: high\n---\n", 4, "not valid YAML"),
                text("duplicate key", "---\nid: T-1\ntitle: a\nid: T-2\n---\n", 4, "duplicate key id"),
                text("front matter is a list", "---\n- id\n- T-1\n---\n", 2, "not a mapping"),
                text("front matter is empty", "---\n---\n# T\n", 1, "empty"),
                text("missing id", "---\ntitle: no id\npriority: low\n---\n", 1, "no id"),
                text("id with a space", "---\ntitle: t\nid: TASK 1\n---\n", 3, "id 'TASK 1' is not valid"),
                text("id starting with a digit", "---\nid: 42-task\n---\n", 2, "must start with a letter"),
                text("unknown priority", "---\nid: T-1\n\npriority: urgent\n---\n", 4, "unknown priority 'urgent'"),
                text("status is a list", "---\nid: T-1\nstatus: [a, b]\n---\n", 3, "'status' must be a single value"),
                text("labels is a mapping", "---\nid: T-1\nlabels: {a: b}\n---\n", 3, "'labels' must be a list of strings"),
                text("labels item is a list", "---\nid: T-1\nlabels:\n  - ok\n  - [x]\n---\n", 5, "item 2 is a list"),
                text("depends_on item is a number", "---\nid: T-1\ndepends_on: [TASK-1, 5]\n---\n", 3, "item 2 is '5'"),
                text("depends_on names no id", "---\nid: T-1\ndepends_on: 'not an id'\n---\n", 3, "not a task id"),
                criteria("second criteria section", "- [ ] a\n\n## acceptance criteria\n- [ ] b\n", 7,
                        "second '## Acceptance Criteria' section; the first is on line 4"),
                criteria("needs points forward", "- [ ] a\n  - needs: 2\n- [ ] b\n", 6, "comes later"),
                criteria("needs points to itself", "- [ ] a\n- [ ] b\n  - needs: 1, 2\n", 7, "criterion 2 needs itself"),
                criteria("needs criterion 0", "- [ ] a\n- [ ] b\n  - needs: 0\n", 7, "does not exist"),
                criteria("needs a missing criterion", "- [ ] a\n  - needs: 9\n", 6, "needs criterion 9, which does not exist"),
                criteria("needs is not a number", "- [ ] a\n- [ ] b\n  - needs: first\n", 7, "'first' is not a criterion number"),
                criteria("in is absolute", "- [ ] a\n  - run: make\n  - in: /etc\n", 7, "is absolute"),
                criteria("in starts with a tilde", "- [ ] a\n  - in: ~/projects/ffl\n", 6, "starts with ~"),
                criteria("in leaves the workspace", "- [ ] a\n  - in: ffl/../../etc\n", 6, "leaves the workspace"),
                criteria("duplicate in", "- [ ] a\n  - in: ffl\n  - run: make\n  - in: triager\n", 8,
                        "second 'in' step (the first is on line 6)"),
                criteria("duplicate timeout", "- [ ] a\n  - timeout: 1m\n  - timeout: 2m\n", 7, "second 'timeout' step"),
                criteria("unparsable timeout", "- [ ] a\n  - timeout: 10 minutes\n", 6, "not a duration"),
                criteria("zero timeout", "- [ ] a\n  - timeout: 0s\n", 6, "longer than zero"),
                criteria("env entry without value", "- [ ] a\n  - env: A=1 VERBOSE\n", 6, "'VERBOSE' is not NAME=value"),
                criteria("env name starting with a digit", "- [ ] a\n  - env: `1A=x`\n", 6, "'1A=x' is not NAME=value"),
                criteria("empty run step", "- [ ] a\n  - run:\n", 6, "'run' step of criterion 1 has no value"),
                criteria("blank code span step", "- [ ] a\n- [ ] b\n  - verify: ` `\n", 7, "'verify' step of criterion 2"),
                criteria("tls without names", "- [ ] a\n  - tls: 127.0.0.1:5443\n", 6, "is not HOST:PORT names NAME"),
                criteria("tls port out of range", "- [ ] a\n  - tls: 127.0.0.1:70000 names x\n", 6, "not between 1 and 65535"),
                criteria("http without status", "- [ ] a\n  - http: GET http://127.0.0.1:8080/\n", 6, "is not [METHOD] URL -> STATUS"),
                criteria("http ftp URL", "- [ ] a\n  - http: GET ftp://127.0.0.1/ -> 200\n", 6, "must be http:// or https://"),
                criteria("http bad body regex", "- [ ] a\n  - http: GET http://127.0.0.1/ -> 200 body (ok\n", 6, "not a regular expression"),
                criteria("build without a tag", "- [ ] a\n  - build: app -> 127.0.0.1:5000/app\n", 6, "explicit tag"),
                criteria("build context leaving the workspace", "- [ ] a\n  - build: ../app -> 127.0.0.1:5000/app:1\n", 6,
                        "leaves the workspace"),
                criteria("set-image of a non-YAML file", "- [ ] a\n  - set-image: apps/x.json spec.image = 1\n", 6,
                        "not a .yaml or .yml manifest"),
                criteria("k8s-ready of a pod", "- [ ] a\n  - k8s-ready: pod/x in ns\n", 6, "is not deployment, statefulset or daemonset"),
                text("build in a verification task", "---\nid: T-1\nlabels: [verification]\n---\n## Acceptance Criteria\n"
                        + "- [ ] a\n  - build: app -> 127.0.0.1:5000/app:1\n", 7,
                        "'build' is not allowed in a verification task"),
                text("set-image in a verification task", "---\nid: T-1\nlabels: [health]\n---\n## Acceptance Criteria\n"
                        + "- [ ] a\n  - set-image: a.yaml spec.x = 1\n", 7, "a verification task only checks"),
                text("build in a deployment task", "---\nid: T-1\nlabels: [flux]\n---\n## Acceptance Criteria\n"
                        + "- [ ] a\n  - build: app -> 127.0.0.1:5000/app:1\n", 7, "belongs in [build, general] tasks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedNamingFileLineAndProblem(BadInput input) {
        TaskFileException e = catchThrowableOfType(TaskFileException.class,
                () -> new TaskFileParser().parse(PATH, input.bytes()));

        assertThat(e).as("expected a TaskFileException").isNotNull();
        assertThat(e.path()).isEqualTo(PATH);
        assertThat(e.problem()).contains(input.problem());
        assertThat(e.line()).as(e.getMessage()).isEqualTo(input.line());
        assertThat(e.getMessage()).isEqualTo(PATH + ":" + input.line() + ": " + e.problem());
    }
}
