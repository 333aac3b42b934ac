package io.taskstream.bench;

import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The library calls {@code TaskFileParser} makes for each file, made here one kind at a time over the same files,
 * so that the parse time can be split between SnakeYAML and commonmark without touching the parser. The calls
 * mirror {@code FrontMatterReader} (a new {@code Yaml} per file, then {@code compose} and {@code load} of the same
 * text) and {@code Outline} (one shared commonmark parser with block and inline source spans).
 */
final class ParseParts {
    private static final Parser WITH_SPANS = Parser.builder().extensions(List.of(TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final Parser BLOCK_SPANS = Parser.builder().extensions(List.of(TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private final List<String> frontMatters = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();

    ParseParts(List<byte[]> files) {
        for (byte[] bytes : files) {
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            int end = 1;
            while (!lines[end].equals("---")) {
                end++;
            }
            StringBuilder yaml = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                if (i > 0 && i < end) {
                    yaml.append(lines[i]).append('\n');
                }
                body.append(i <= end ? "" : lines[i]).append('\n');
            }
            frontMatters.add(yaml.toString());
            bodies.add(body.toString());
        }
    }

    List<Samples> measure(int warmUps, int reps) throws Exception {
        Samples newYaml = new Samples("  SnakeYAML: new Yaml(...) per file, construction only", "as FrontMatterReader");
        Samples composeLoad = new Samples("  SnakeYAML: compose + load of each front matter", "one Yaml reused");
        Samples composeOnly = new Samples("  SnakeYAML: compose only", "one Yaml reused; what one pass costs");
        Samples markdown = new Samples("  commonmark: parse body, BLOCKS_AND_INLINES spans", "as Outline");
        Samples markdownBlocks = new Samples("  commonmark: parse body, BLOCKS spans only", "for comparison");
        Yaml shared = yaml();
        for (int r = 0; r < warmUps + reps; r++) {
            boolean warmUp = r < warmUps;
            newYaml.time(warmUp, () -> {
                Object last = null;
                for (int i = 0; i < frontMatters.size(); i++) {
                    last = yaml();
                }
                return last;
            });
            composeLoad.time(warmUp, () -> {
                Object last = null;
                for (String text : frontMatters) {
                    shared.compose(new StringReader(text));
                    last = shared.load(text);
                }
                return last;
            });
            composeOnly.time(warmUp, () -> {
                Object last = null;
                for (String text : frontMatters) {
                    last = shared.compose(new StringReader(text));
                }
                return last;
            });
            markdown.time(warmUp, () -> {
                Object last = null;
                for (String body : bodies) {
                    last = WITH_SPANS.parse(body);
                }
                return last;
            });
            markdownBlocks.time(warmUp, () -> {
                Object last = null;
                for (String body : bodies) {
                    last = BLOCK_SPANS.parse(body);
                }
                return last;
            });
        }
        return List.of(newYaml, composeLoad, composeOnly, markdown, markdownBlocks);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(1024 * 1024);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new Resolver());
    }
}
