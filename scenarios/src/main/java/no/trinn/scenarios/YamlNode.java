package no.trinn.scenarios;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a parsed YAML document that knows the 1-based line it starts on. Built by {@link YamlTree}; read by the
 * scenario and behaviour readers, which turn nodes into records and report problems by line and field path.
 */
sealed interface YamlNode {
    /** The 1-based line the node starts on. */
    int line();

    /**
     * A mapping, in file order.
     *
     * @param line where the mapping starts
     * @param fields key to entry
     */
    record MapNode(int line, Map<String, Entry> fields) implements YamlNode {
        public MapNode {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** The value of {@code key}, if present. */
        Optional<YamlNode> get(String key) {
            return Optional.ofNullable(fields.get(key)).map(Entry::value);
        }

        /** The line of {@code key}, or of the mapping when the key is absent. */
        int lineOf(String key) {
            Entry e = fields.get(key);
            return e == null ? line : e.line();
        }

        /** The value of {@code key} if it is a text scalar. */
        Optional<String> string(String key) {
            return get(key).flatMap(YamlNode::asString);
        }

        /** The items of {@code key} if it is a list, else nothing. */
        List<YamlNode> items(String key) {
            return get(key).map(n -> n instanceof ListNode l ? l.items() : List.<YamlNode>of()).orElse(List.of());
        }

        /** The mapping under {@code key} if it is one. */
        Optional<MapNode> map(String key) {
            return get(key).flatMap(YamlNode::asMap);
        }
    }

    /**
     * A key of a mapping with its value.
     *
     * @param line the line of the key
     * @param value the value
     */
    record Entry(int line, YamlNode value) {
    }

    /**
     * A sequence.
     *
     * @param line where the sequence starts
     * @param items the items in file order
     */
    record ListNode(int line, List<YamlNode> items) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar as YAML resolved it.
     *
     * @param line where the scalar is
     * @param kind what YAML made of it
     * @param text its source text
     * @param number its value when {@code kind} is a number, else 0
     */
    record ScalarNode(int line, Kind kind, String text, double number) implements YamlNode {
    }

    /** What a scalar is. {@code INVALID} marks a value already reported as a problem (e.g. an alias). */
    enum Kind {
        STRING, INTEGER, DECIMAL, BOOLEAN, NULL, INVALID
    }

    /** This node as a mapping, if it is one. */
    default Optional<MapNode> asMap() {
        return this instanceof MapNode m ? Optional.of(m) : Optional.empty();
    }

    /** This node's text, if it is a text scalar. */
    default Optional<String> asString() {
        return this instanceof ScalarNode s && s.kind() == Kind.STRING ? Optional.of(s.text().strip())
                : Optional.empty();
    }

    /** Whether this is a value already reported as a problem. */
    default boolean invalid() {
        return this instanceof ScalarNode s && s.kind() == Kind.INVALID;
    }

    /** How a problem message names this node's kind, e.g. "a list" or "the number 7". */
    default String describe() {
        return switch (this) {
            case MapNode m -> "a mapping";
            case ListNode l -> "a list";
            case ScalarNode s -> switch (s.kind()) {
                case STRING -> "text";
                case INTEGER, DECIMAL -> "the number " + s.text();
                case BOOLEAN -> "the value " + s.text();
                case NULL -> "no value";
                case INVALID -> "an invalid value";
            };
        };
    }
}
