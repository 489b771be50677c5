package no.trinn.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import no.trinn.core.Similarity;
import no.trinn.scenarios.YamlNode.Kind;
import no.trinn.scenarios.YamlNode.ListNode;
import no.trinn.scenarios.YamlNode.MapNode;
import no.trinn.scenarios.YamlNode.ScalarNode;

/**
 * Typed, problem-reporting access to the fields of one YAML mapping at a field path. Each accessor returns the value
 * when it is present and well-formed; otherwise it records a problem (naming the field path and line) and returns
 * nothing. An optional field that is absent returns nothing without a problem; callers tell the two apart with
 * {@link Problems#mark()}.
 */
final class Fields {
    /** Reads one list item at a field path. */
    @FunctionalInterface
    interface ItemReader<T> {
        Optional<T> read(YamlNode node, String path);
    }

    private final MapNode map;
    private final String path;
    private final Problems problems;

    private Fields(MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /**
     * The fields of {@code node}, after reporting each key not in {@code known} (with the closest known key); nothing
     * when {@code node} is not a mapping, which is reported as expecting {@code what}.
     */
    static Optional<Fields> of(YamlNode node, String path, Problems problems, String what, List<String> known) {
        if (node.invalid()) {
            problems.metReported();
            return Optional.empty();
        }
        if (!(node instanceof MapNode map)) {
            problems.add(node.line(), path, "expected " + what + " (a mapping of fields), found " + node.describe());
            return Optional.empty();
        }
        for (var e : map.fields().entrySet()) {
            String key = e.getKey();
            if (!known.contains(key)) {
                String hint = Similarity.closestName(key, known).map(k -> "; did you mean '" + k + "'?")
                        .orElse("; known fields: " + String.join(", ", known));
                problems.add(e.getValue().line(), child(path, key), "unknown field '" + key + "'" + hint);
            }
        }
        return Optional.of(new Fields(map, path, problems));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The mapping's own path. */
    String path() {
        return path;
    }

    /** The path of {@code key} in this mapping. */
    String path(String key) {
        return child(path, key);
    }

    /** The line of {@code key}, or of the mapping when it is absent. */
    int line(String key) {
        return map.lineOf(key);
    }

    /** The line where the mapping starts. */
    int line() {
        return map.line();
    }

    /** Whether {@code key} is present (with any value). */
    boolean has(String key) {
        return map.fields().containsKey(key);
    }

    /** The value of {@code key}; a missing required key, or a key without a value, is a problem. */
    Optional<YamlNode> value(String key, boolean required) {
        var entry = map.fields().get(key);
        if (entry == null) {
            if (required) {
                problems.add(map.line(), path(key), "required field '" + key + "' is missing");
            }
            return Optional.empty();
        }
        YamlNode value = entry.value();
        if (value instanceof ScalarNode s && s.kind() == Kind.NULL) {
            problems.add(entry.line(), path(key), "'" + key + "' has no value");
            return Optional.empty();
        }
        if (value.invalid()) {
            problems.metReported();
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Non-blank text, stripped of surrounding white space. */
    Optional<String> text(String key, boolean required) {
        return value(key, required).flatMap(n -> text(n, path(key), problems));
    }

    /** Text matching {@code format}, which {@code rule} describes, e.g. "lower-case words joined by hyphens". */
    Optional<String> id(String key, boolean required, Pattern format, String rule) {
        return value(key, required).flatMap(n -> id(n, path(key), problems, format, rule));
    }

    /** A number in [min, max]. */
    Optional<Double> number(String key, boolean required, double min, double max) {
        return value(key, required).flatMap(n -> number(n, path(key), problems, min, max));
    }

    /** A whole number in [min, max]. */
    Optional<Integer> integer(String key, boolean required, int min, int max) {
        return value(key, required).flatMap(n -> {
            Optional<Double> v = number(n, path(key), problems, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            double d = v.get();
            if (d != Math.rint(d) || d < min || d > max) {
                problems.add(n.line(), path(key), "must be a whole number from " + min + " to " + max + ", was "
                        + ((ScalarNode) n).text());
                return Optional.empty();
            }
            return Optional.of((int) d);
        });
    }

    /** {@code true} or {@code false}. */
    Optional<Boolean> bool(String key, boolean required) {
        return value(key, required).flatMap(n -> {
            if (n instanceof ScalarNode s && s.kind() == Kind.BOOLEAN) {
                return Optional.of(s.text().equalsIgnoreCase("true"));
            }
            problems.add(n.line(), path(key), "expected true or false, found " + n.describe());
            return Optional.empty();
        });
    }

    /**
     * The items of a list, each read by {@code reader}; items it cannot read are left out (having been reported).
     * With {@code nonEmpty}, an empty list is a problem.
     */
    <T> Optional<List<T>> list(String key, boolean required, boolean nonEmpty, ItemReader<T> reader) {
        Optional<YamlNode> value = value(key, required);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof ListNode list)) {
            problems.add(value.get().line(), path(key), "expected a list, found " + value.get().describe());
            return Optional.empty();
        }
        if (nonEmpty && list.items().isEmpty()) {
            problems.add(line(key), path(key), "needs at least one item");
            return Optional.empty();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            reader.read(list.items().get(i), path(key) + "[" + i + "]").ifPresent(out::add);
        }
        return Optional.of(out);
    }

    /** See {@link #text(String, boolean)}. */
    static Optional<String> text(YamlNode node, String path, Problems problems) {
        if (node.invalid()) {
            problems.metReported();
            return Optional.empty();
        }
        if (node instanceof ScalarNode s && s.kind() == Kind.STRING) {
            if (s.text().isBlank()) {
                problems.add(node.line(), path, "is blank; write some text");
                return Optional.empty();
            }
            return Optional.of(s.text().strip());
        }
        String hint = node instanceof ScalarNode s && (s.kind() == Kind.INTEGER || s.kind() == Kind.DECIMAL
                || s.kind() == Kind.BOOLEAN) ? "; put it in quotes to use it as text" : "";
        problems.add(node.line(), path, "expected text, found " + node.describe() + hint);
        return Optional.empty();
    }

    /** See {@link #id(String, boolean, Pattern, String)}. */
    static Optional<String> id(YamlNode node, String path, Problems problems, Pattern format, String rule) {
        return text(node, path, problems).flatMap(t -> {
            if (!format.matcher(t).matches()) {
                problems.add(node.line(), path, "'" + t + "' is not a valid id: use " + rule);
                return Optional.empty();
            }
            return Optional.of(t);
        });
    }

    /** See {@link #number(String, boolean, double, double)}. */
    static Optional<Double> number(YamlNode node, String path, Problems problems, double min, double max) {
        if (node.invalid()) {
            problems.metReported();
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode s) || (s.kind() != Kind.INTEGER && s.kind() != Kind.DECIMAL)) {
            problems.add(node.line(), path, "expected a number, found " + node.describe());
            return Optional.empty();
        }
        double v = s.number();
        if (!(v >= min && v <= max)) {
            problems.add(node.line(), path, "must lie in [" + format(min) + ", " + format(max) + "], was " + s.text());
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** A range {@code [min, max]} inside [0, 1]. */
    static Optional<Range> range(YamlNode node, String path, Problems problems) {
        if (node.invalid()) {
            problems.metReported();
            return Optional.empty();
        }
        if (!(node instanceof ListNode list) || list.items().size() != 2) {
            String found = node instanceof ListNode l ? "a list of " + l.items().size() : node.describe();
            problems.add(node.line(), path, "expected a range [min, max] of two numbers in [0, 1], found " + found);
            return Optional.empty();
        }
        Optional<Double> min = number(list.items().get(0), path + "[0]", problems, 0, 1);
        Optional<Double> max = number(list.items().get(1), path + "[1]", problems, 0, 1);
        if (min.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        if (min.get() > max.get()) {
            problems.add(node.line(), path, "min " + format(min.get()) + " is above max " + format(max.get()));
            return Optional.empty();
        }
        return Optional.of(new Range(min.get(), max.get()));
    }

    /** A number as authors write it: no trailing ".0" on whole numbers. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
