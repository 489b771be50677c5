package no.trinn.agents.generative;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.agents.AgentException;

/**
 * A small text template, parsed once. Tags:
 * <ul>
 *   <li>{@code {{name}}}: the value of {@code name}, looked up in the innermost section item first, then outwards;
 *       {@code {{.}}} is the current item itself (in a section over a list of texts);</li>
 *   <li>{@code {{#name}}...{{/name}}}: the body once for each item of a list value, once for a non-empty text or
 *       {@code true}, never for an empty list, empty text, {@code false} or a missing value;</li>
 *   <li>{@code {{^name}}...{{/name}}}: the body once exactly when {@code {{#name}}} would render nothing;</li>
 *   <li>{@code {{! ...}}}: a comment.</li>
 * </ul>
 * A line that holds nothing but one section or comment tag is dropped whole, so section tags may stand on lines of
 * their own. Values are texts, booleans, lists of texts or lists of maps from names to values. A placeholder with
 * no value is an error naming the template and the name: a typo in a data file must not reach a model unnoticed.
 * Immutable and thread-safe.
 */
final class Template {
    private static final Pattern TAG = Pattern.compile("\\{\\{([#^/!]?)\\s*([^}]*?)\\s*}}");

    private sealed interface Node permits Text, Value, Section, Inverted {
    }

    private record Text(String text) implements Node {
    }

    private record Value(String name) implements Node {
    }

    private record Section(String name, List<Node> body) implements Node {
    }

    private record Inverted(String name, List<Node> body) implements Node {
    }

    private final String source;
    private final List<Node> nodes;

    private Template(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    /**
     * Parses {@code text}; {@code source} names it in errors (file and field). Throws {@link AgentException} naming
     * the source and line of an unclosed, unopened or mismatched section.
     */
    static Template parse(String source, String text) {
        String prepared = dropStandaloneTagLines(text);
        Deque<List<Node>> stack = new ArrayDeque<>();
        Deque<String[]> open = new ArrayDeque<>();
        stack.push(new ArrayList<>());
        Matcher m = TAG.matcher(prepared);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                stack.peek().add(new Text(prepared.substring(at, m.start())));
            }
            at = m.end();
            String kind = m.group(1);
            String name = m.group(2);
            int line = lineOf(prepared, m.start());
            if (name.isEmpty() && !kind.equals("!")) {
                throw new AgentException(source + ": line " + line + ": empty tag");
            }
            switch (kind) {
                case "!" -> {
                    // comment
                }
                case "#", "^" -> {
                    open.push(new String[] {kind, name, String.valueOf(line)});
                    stack.push(new ArrayList<>());
                }
                case "/" -> {
                    if (open.isEmpty()) {
                        throw new AgentException(source + ": line " + line + ": {{/" + name + "}} closes no section");
                    }
                    String[] o = open.pop();
                    if (!o[1].equals(name)) {
                        throw new AgentException(source + ": line " + line + ": {{/" + name + "}} closes {{"
                                + o[0] + o[1] + "}} of line " + o[2]);
                    }
                    List<Node> body = List.copyOf(stack.pop());
                    stack.peek().add(o[0].equals("#") ? new Section(name, body) : new Inverted(name, body));
                }
                default -> stack.peek().add(new Value(name));
            }
        }
        if (at < prepared.length()) {
            stack.peek().add(new Text(prepared.substring(at)));
        }
        if (!open.isEmpty()) {
            String[] o = open.pop();
            throw new AgentException(source + ": line " + o[2] + ": {{" + o[0] + o[1] + "}} is never closed");
        }
        return new Template(source, List.copyOf(stack.pop()));
    }

    /** The template filled with {@code values}; an {@link AgentException} names a placeholder without a value. */
    String render(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        Deque<Object> scopes = new ArrayDeque<>();
        scopes.push(values);
        render(nodes, scopes, out);
        return out.toString();
    }

    private void render(List<Node> body, Deque<Object> scopes, StringBuilder out) {
        for (Node n : body) {
            switch (n) {
                case Text t -> out.append(t.text());
                case Value v -> {
                    Object value = lookup(v.name(), scopes);
                    if (value == null) {
                        throw new AgentException(source + ": placeholder {{" + v.name() + "}} has no value");
                    }
                    out.append(value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf)
                            .toList()) : value);
                }
                case Section s -> {
                    Object value = lookup(s.name(), scopes);
                    if (value instanceof List<?> list) {
                        for (Object item : list) {
                            scopes.push(item);
                            render(s.body(), scopes, out);
                            scopes.pop();
                        }
                    } else if (truthy(value)) {
                        render(s.body(), scopes, out);
                    }
                }
                case Inverted i -> {
                    Object value = lookup(i.name(), scopes);
                    boolean empty = value instanceof List<?> list ? list.isEmpty() : !truthy(value);
                    if (empty) {
                        render(i.body(), scopes, out);
                    }
                }
            }
        }
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof String s ? !s.isBlank() : value != null;
    }

    private static Object lookup(String name, Deque<Object> scopes) {
        if (name.equals(".")) {
            return scopes.peek();
        }
        for (Object scope : scopes) {
            if (scope instanceof Map<?, ?> map && map.containsKey(name)) {
                return map.get(name);
            }
        }
        return null;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Turns each line that holds only one section, closing or comment tag into the tag alone; its line break moves
     * into a comment, so line numbers in errors stay those of the file.
     */
    private static String dropStandaloneTagLines(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            boolean last = i == lines.length - 1;
            String s = lines[i].strip();
            Matcher m = TAG.matcher(s);
            if (m.matches() && !m.group(1).isEmpty()) {
                out.append(s).append(last ? "" : "{{!\n}}");
            } else {
                out.append(lines[i]).append(last ? "" : "\n");
            }
        }
        return out.toString();
    }
}
