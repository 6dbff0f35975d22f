package dev.rnnkit.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Maps YAML paths such as {@code encoder[0].state_size} to the line they are written on.
 *
 * <p>Jackson's tree model forgets locations, so the composed SnakeYAML node tree is walked once.
 */
final class YamlLocations {

    private final Map<String, Integer> lines = new HashMap<>();
    private final List<String> problems = new java.util.ArrayList<>();
    private final List<Integer> problemLines = new java.util.ArrayList<>();
    /** YAML's special floats, which the tree reader rejects without naming the key. */
    private static final java.util.regex.Pattern NON_FINITE = java.util.regex.Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    YamlLocations(Node root) {
        if (root != null) {
            walk("", root);
        }
    }

    private void walk(String path, Node node) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode map) {
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    Integer first = seen.putIfAbsent(key.getValue(), key.getStartMark().getLine() + 1);
                    if (first != null) {
                        problems.add(child + ": duplicate key '" + key.getValue() + "' (first given on line " + first + ")");
                        problemLines.add(key.getStartMark().getLine() + 1);
                        continue;
                    }
                    // A key's line is where the key is written, which is where users look.
                    lines.put(child, key.getStartMark().getLine() + 1);
                    checkNumber(child, t.getValueNode());
                    walkValue(child, t.getValueNode());
                }
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                checkNumber(path + "[" + i + "]", items.get(i));
                walk(path + "[" + i + "]", items.get(i));
            }
        }
    }

    private void walkValue(String path, Node value) {
        if (value instanceof MappingNode || value instanceof SequenceNode) {
            Integer keyLine = lines.get(path);
            walk(path, value);
            lines.put(path, keyLine);
        }
    }

    private void checkNumber(String path, Node value) {
        if (value instanceof ScalarNode s && s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
                && NON_FINITE.matcher(s.getValue()).matches()) {
            problems.add(path + ": '" + s.getValue() + "' is not a finite number; expected a finite number (e.g. 0.001) or, "
                    + "where the key takes text, a quoted '" + s.getValue() + "'");
            problemLines.add(s.getStartMark().getLine() + 1);
        }
    }

    /** Keys given twice in one mapping and non-finite numbers, as "path: message" texts; see {@link #problemLines()}. */
    List<String> problems() {
        return problems;
    }

    /** The line of each entry of {@link #problems()}. */
    List<Integer> problemLines() {
        return problemLines;
    }

    /** The line of the path, or of its nearest written ancestor; 0 when nothing matches. */
    int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }
}
