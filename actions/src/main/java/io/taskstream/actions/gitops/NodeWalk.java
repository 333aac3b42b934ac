package io.taskstream.actions.gitops;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Follows a {@link YamlPath} through one composed document. */
final class NodeWalk {
    /**
     * How far a path got.
     *
     * @param node   the node reached (the path's end when {@code miss} is null)
     * @param depth  how many steps were followed
     * @param miss   why the next step could not be taken, or null
     * @param shared the anchor of a node on the way that is reached more than once in the document (through
     *               aliases or merge keys), or null
     */
    record Reached(Node node, int depth, String miss, String shared) {
    }

    private NodeWalk() {
    }

    static Reached follow(Node root, YamlPath path) {
        Map<Node, Integer> uses = uses(root);
        Node node = root;
        String shared = null;
        List<YamlPath.Step> steps = path.steps();
        for (int i = 0; i < steps.size(); i++) {
            String where = i == 0 ? "the document" : path.prefix(i);
            Node next = step(node, steps.get(i), path.prefix(i + 1));
            if (next == null) {
                return new Reached(node, i, missing(node, steps.get(i), where), shared);
            }
            node = next;
            if (uses.getOrDefault(node, 1) > 1 && shared == null) {
                shared = node.getAnchor() != null ? "the anchor &" + node.getAnchor()
                        : "an anchor above it (it is reached through an alias or a << merge)";
            }
        }
        return new Reached(node, steps.size(), null, shared);
    }

    private static Node step(Node node, YamlPath.Step step, String written) {
        if (step instanceof YamlPath.Key key) {
            return node instanceof MappingNode m ? value(m, key.name()) : null;
        }
        if (step instanceof YamlPath.Index index) {
            return node instanceof SequenceNode s && index.index() < s.getValue().size()
                    ? s.getValue().get(index.index()) : null;
        }
        return node instanceof SequenceNode s ? match(s, (YamlPath.Match) step, written) : null;
    }

    private static String missing(Node node, YamlPath.Step step, String where) {
        String deepest = where.equals("the document") ? where : "the deepest key that exists is " + where + ", and it";
        if (step instanceof YamlPath.Key key) {
            return node instanceof MappingNode ? deepest + " has no key '" + key.name() + "'"
                    : deepest + " is a " + kind(node) + ", not a mapping with the key '" + key.name() + "'";
        }
        if (!(node instanceof SequenceNode s)) {
            return deepest + " is a " + kind(node) + ", not a list";
        }
        if (step instanceof YamlPath.Index index) {
            return deepest + " has " + s.getValue().size() + " items, none at [" + index.index() + "]";
        }
        YamlPath.Match match = (YamlPath.Match) step;
        return "no item of " + where + " has " + match.field() + "=" + match.value() + " (" + match.field()
                + "s there: " + String.join(", ", fields(s, match.field())) + ")";
    }

    /** The one item whose field has the value; two such items make the path ambiguous. */
    private static Node match(SequenceNode list, YamlPath.Match match, String written) {
        Node found = null;
        for (Node item : list.getValue()) {
            if (item instanceof MappingNode m && value(m, match.field()) instanceof ScalarNode s
                    && s.getValue().equals(match.value())) {
                if (found != null) {
                    throw new YamlEditException("the path selector " + written + " is ambiguous: several items have "
                            + match.field() + "=" + match.value());
                }
                found = item;
            }
        }
        return found;
    }

    private static List<String> fields(SequenceNode list, String field) {
        List<String> values = new ArrayList<>();
        for (Node item : list.getValue()) {
            if (item instanceof MappingNode m && value(m, field) instanceof ScalarNode s) {
                values.add(s.getValue());
            }
        }
        return values;
    }

    /** The key's value, looked up in merged mappings ({@code <<: *base}) when the mapping lacks it. */
    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key) && !Tag.MERGE.equals(k.getTag())) {
                return tuple.getValueNode();
            }
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
                List<Node> merged = tuple.getValueNode() instanceof SequenceNode s ? s.getValue()
                        : List.of(tuple.getValueNode());
                for (Node m : merged) {
                    Node found = m instanceof MappingNode mm ? value(mm, key) : null;
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** How often each node is reached from the root: more than once means an alias shares it. */
    private static Map<Node, Integer> uses(Node root) {
        Map<Node, Integer> uses = new IdentityHashMap<>();
        count(root, uses);
        return uses;
    }

    private static void count(Node node, Map<Node, Integer> uses) {
        if (uses.merge(node, 1, Integer::sum) > 1) {
            shareBelow(node, uses);
            return;
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                count(tuple.getKeyNode(), uses);
                count(tuple.getValueNode(), uses);
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(child -> count(child, uses));
        }
    }

    /** What is below a shared node is shared with it. */
    private static void shareBelow(Node node, Map<Node, Integer> uses) {
        List<Node> children = new ArrayList<>();
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> {
                children.add(t.getKeyNode());
                children.add(t.getValueNode());
            });
        } else if (node instanceof SequenceNode s) {
            children.addAll(s.getValue());
        }
        for (Node child : children) {
            if (uses.getOrDefault(child, 0) < 2) {
                uses.put(child, 2);
                shareBelow(child, uses);
            }
        }
    }

    static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "scalar";
    }
}
