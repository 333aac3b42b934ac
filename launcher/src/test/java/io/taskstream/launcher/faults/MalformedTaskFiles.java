package io.taskstream.launcher.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Task files that are each broken in one way the format forbids (front matter, id, fields, criteria steps,
 * encodings, sizes at the 1 MiB limit), dressed in random noise from a seeded {@link Random} so that a failure
 * reproduces from its seed. Each file has an id of its own (when it has one at all), so none can clash with
 * another task.
 */
final class MalformedTaskFiles {
    static final int LIMIT = 1024 * 1024;

    /** One broken file and how it was broken. */
    record Bad(String path, byte[] bytes, String fault) {
        /** Lines of the file, the last one counted even without a final newline. */
        int lineCount() {
            int lines = 1;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                    lines++;
                }
            }
            return lines;
        }
    }

    private final Random random;

    MalformedTaskFiles(long seed) {
        this.random = new Random(seed);
    }

    private final List<Map.Entry<String, Function<String, byte[]>>> faults = List.of(
            fault("no front matter", id -> text(noise(3) + "# " + id + "\n\n" + body(id))),
            fault("front matter not closed", id -> text("---\nid: " + id + "\ntitle: t\n\n# " + id + "\n" + body(id))),
            fault("front matter not YAML", id -> text(front(id, "labels: [networking\n") + body(id))),
            fault("front matter YAML mapping clash", id -> text(front(id, "title: a: b: c\n") + body(id))),
            fault("front matter empty", id -> text("---\n---\n# " + id + "\n" + body(id))),
            fault("front matter not a mapping", id -> text("---\n- " + id + "\n- two\n---\n" + body(id))),
            fault("no id", id -> text("---\ntitle: no id here\npriority: high\n---\n" + body(id))),
            fault("id not valid", id -> text(front(pick("1" + id, id + " x", "-" + id, id + "/../x", "\"\""), "") + body(id))),
            fault("id a list", id -> text("---\nid: [" + id + ", B]\n---\n" + body(id))),
            fault("priority unknown", id -> text(front(id, "priority: " + pick("urgent", "p0", "HIGHEST", "7", "[high]") + "\n") + body(id))),
            fault("depends_on not ids", id -> text(front(id, "depends_on: [\"not an id!\", 42]\n") + body(id))),
            fault("labels a mapping", id -> text(front(id, "labels: {a: b}\n") + body(id))),
            fault("title a list", id -> text(front(id, "title: [a, b]\n") + body(id))),
            fault("NUL byte", id -> splice(text(front(id, "") + body(id)), new byte[] {0})),
            fault("not UTF-8", id -> splice(text(front(id, "") + body(id)), pickBytes(
                    new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xE2, (byte) 0x82},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF}))),
            fault("UTF-16", id -> (front(id, "") + body(id)).getBytes(StandardCharsets.UTF_16)),
            fault("step without value", id -> text(front(id, "") + criteria("  - run: `true`\n  - " + pick("in", "needs", "env", "timeout") + ":\n"))),
            fault("needs a later criterion", id -> text(front(id, "") + criteria("  - run: `true`\n  - needs: " + pick("2", "9", "0", "1") + "\n"))),
            fault("needs not a number", id -> text(front(id, "") + criteria("  - run: `true`\n  - needs: one\n"))),
            fault("second in", id -> text(front(id, "") + criteria("  - in: a\n  - run: `true`\n  - in: b\n"))),
            fault("in leaves the workspace", id -> text(front(id, "") + criteria("  - in: " + pick("../x", "/etc", "~/x", "a/../../b") + "\n  - run: `true`\n"))),
            fault("timeout not a duration", id -> text(front(id, "") + criteria("  - run: `true`\n  - timeout: " + pick("forever", "-5m", "0s", "1y") + "\n"))),
            fault("env not NAME=value", id -> text(front(id, "") + criteria("  - run: `true`\n  - env: " + pick("=x", "1A=b", "A B", "A-B=c") + "\n"))),
            fault("second criteria section", id -> text(front(id, "") + criteria("  - run: `true`\n") + "\n## Acceptance Criteria\n- [ ] again\n")),
            fault("over the size limit", id -> pad(text(front(id, "") + body(id)), LIMIT + 1 + nextInt(64))),
            fault("at the size limit, broken", id -> pad(text(front(id, "priority: urgent\n") + body(id)), LIMIT - nextInt(2))));

    private static Map.Entry<String, Function<String, byte[]>> fault(String name, Function<String, byte[]> f) {
        return Map.entry(name, f);
    }

    /** {@code count} broken files under {@code tasks/active/} and {@code tasks/backlog/}, path to file. */
    Map<String, Bad> generate(int count) {
        Map<String, Bad> files = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String id = String.format("BAD-%04d", i);
            // every kind of fault once (the large ones once only: the suite must stay quick), then random kinds
            int kind = i <= faults.size() ? i - 1 : random.nextInt(faults.size() - 2);
            Map.Entry<String, Function<String, byte[]>> fault = faults.get(kind);
            byte[] bytes = fault.getValue().apply(id);
            if (!fault.getKey().contains("size limit") && !fault.getKey().equals("UTF-16") && random.nextBoolean()) {
                bytes = crlf(bytes);
            }
            String path = (random.nextInt(4) == 0 ? "tasks/backlog/" : "tasks/active/") + id + ".md";
            files.put(path, new Bad(path, bytes, fault.getKey()));
        }
        return files;
    }

    private String front(String id, String extra) {
        StringBuilder b = new StringBuilder("---\n");
        List<String> lines = new ArrayList<>(List.of("id: " + id + "\n", "title: " + noiseLine() + "\n",
                "status: " + pick("active", "backlog") + "\n"));
        if (!extra.isEmpty()) {
            lines.add(random.nextInt(lines.size() + 1), extra);
        }
        lines.forEach(b::append);
        return b.append("---\n\n").toString();
    }

    private String body(String id) {
        return "# " + id + "\n\n" + noise(random.nextInt(4)) + "## Acceptance Criteria\n- [ ] Fine criterion\n"
                + "  - run: `true`\n\n## Progress Log\n- 2026-01-01 10:00: created\n";
    }

    private String criteria(String steps) {
        return "# broken steps\n\n" + noise(random.nextInt(3)) + "## Acceptance Criteria\n- [ ] First\n" + steps
                + "- [ ] Second\n  - run: `true`\n";
    }

    private String noise(int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append(noiseLine()).append("\n\n");
        }
        return b.toString();
    }

    private String noiseLine() {
        String alphabet = "abcdefghij klmnop_-.:#*[]{}`'\"é漢🚀\t";
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(40);
        while (b.length() < n) {
            b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        // noise must not open YAML or Markdown structure of its own at the start of a line
        return "x" + b.toString().replace("---", "- -");
    }

    private int nextInt(int bound) {
        return random.nextInt(bound);
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private byte[] pickBytes(byte[]... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code insert} at a random line start after the front matter's first line. */
    private byte[] splice(byte[] bytes, byte[] insert) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n') {
                starts.add(i + 1);
            }
        }
        int at = starts.get(random.nextInt(starts.size()));
        byte[] out = Arrays.copyOf(bytes, bytes.length + insert.length);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    /** The file followed by comment lines up to exactly {@code size} bytes. */
    private static byte[] pad(byte[] bytes, int size) {
        byte[] out = Arrays.copyOf(bytes, size);
        for (int i = bytes.length; i < size; i++) {
            out[i] = (byte) ((i - bytes.length) % 80 == 79 ? '\n' : 'p');
        }
        out[size - 1] = '\n';
        return out;
    }

    private static byte[] crlf(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
