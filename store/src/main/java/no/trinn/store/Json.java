package no.trinn.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import no.trinn.core.JsonText;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.SessionSummary;

/**
 * The small JSON the store writes: arrays of strings (goal steps) and the session summary object. Writes compact
 * JSON and reads back any well-formed JSON document (RFC 8259) into maps, lists, strings, {@link BigDecimal},
 * booleans and {@link #NULL}; malformed input throws {@link IllegalArgumentException} with the offset.
 */
final class Json {
    /** Stands for JSON {@code null}, since parsed values are never Java null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Json() {
    }

    static String stringArray(List<String> values) {
        StringBuilder out = new StringBuilder();
        appendArray(out, values);
        return out.toString();
    }

    static String summary(SessionSummary summary) {
        StringBuilder out = new StringBuilder(256).append('{');
        out.append("\"goalStepsMet\":");
        appendArray(out, summary.goalStepsMet());
        out.append(",\"goalStepsMissed\":");
        appendArray(out, summary.goalStepsMissed());
        out.append(",\"goalMet\":").append(summary.goalMet());
        out.append(",\"strengths\":");
        appendArray(out, summary.strengths());
        out.append(",\"practiseNext\":");
        JsonText.quote(out, summary.practiseNext());
        out.append(",\"realWorldTask\":");
        JsonText.quote(out, summary.realWorldTask());
        out.append(",\"turns\":").append(summary.turns());
        return out.append('}').toString();
    }

    static List<String> parseStringArray(String json) {
        return strings(parse(json), "array");
    }

    static SessionSummary parseSummary(String json) {
        if (!(parse(json) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("summary is not a JSON object");
        }
        return new SessionSummary(
                strings(field(object, "goalStepsMet"), "goalStepsMet"),
                strings(field(object, "goalStepsMissed"), "goalStepsMissed"),
                bool(field(object, "goalMet"), "goalMet"),
                strings(field(object, "strengths"), "strengths"),
                string(field(object, "practiseNext"), "practiseNext"),
                string(field(object, "realWorldTask"), "realWorldTask"),
                integer(field(object, "turns"), "turns"));
    }

    /** A JSON object of finite numbers, in the map's order. */
    static String numbers(Map<String, Double> values) {
        StringBuilder out = new StringBuilder().append('{');
        appendNumbers(out, values);
        return out.append('}').toString();
    }

    static Map<String, Double> parseNumbers(String json) {
        return numbers(parse(json), "object");
    }

    /** A therapist's settings: {"caps":{name:[min,max]},"locks":{..},"temperament":{key:{..}},"assigned":[..]}. */
    static String settings(ClientSettings settings) {
        StringBuilder out = new StringBuilder(128).append("{\"caps\":{");
        int i = 0;
        for (Map.Entry<String, Bounds> cap : settings.caps().entrySet()) {
            if (i++ > 0) {
                out.append(',');
            }
            JsonText.quote(out, cap.getKey());
            out.append(":[").append(cap.getValue().min()).append(',').append(cap.getValue().max()).append(']');
        }
        out.append("},\"locks\":{");
        appendNumbers(out, settings.locks());
        out.append("},\"temperament\":{");
        i = 0;
        for (Map.Entry<String, Map<String, Double>> t : settings.temperament().entrySet()) {
            if (i++ > 0) {
                out.append(',');
            }
            JsonText.quote(out, t.getKey());
            out.append(":{");
            appendNumbers(out, t.getValue());
            out.append('}');
        }
        out.append("},\"assigned\":");
        appendArray(out, settings.assigned());
        return out.append('}').toString();
    }

    static ClientSettings parseSettings(String json) {
        if (!(parse(json) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("settings is not a JSON object");
        }
        if (!(field(object, "caps") instanceof Map<?, ?> capsObject)) {
            throw new IllegalArgumentException("caps is not a JSON object");
        }
        Map<String, Bounds> caps = new LinkedHashMap<>();
        capsObject.forEach((name, value) -> {
            List<Double> pair = doubles(value, "caps." + name);
            if (pair.size() != 2) {
                throw new IllegalArgumentException("caps." + name + " is not [min, max]");
            }
            caps.put((String) name, new Bounds(pair.get(0), pair.get(1)));
        });
        if (!(field(object, "temperament") instanceof Map<?, ?> temperamentObject)) {
            throw new IllegalArgumentException("temperament is not a JSON object");
        }
        Map<String, Map<String, Double>> temperament = new LinkedHashMap<>();
        temperamentObject.forEach((key, value) -> temperament.put((String) key, numbers(value,
                "temperament." + key)));
        return new ClientSettings(caps, numbers(field(object, "locks"), "locks"), temperament,
                strings(field(object, "assigned"), "assigned"));
    }

    private static void appendNumbers(StringBuilder out, Map<String, Double> values) {
        int i = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (i++ > 0) {
                out.append(',');
            }
            JsonText.quote(out, e.getKey());
            out.append(':').append(e.getValue().doubleValue());
        }
    }

    private static Map<String, Double> numbers(Object value, String field) {
        if (!(value instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException(field + " is not a JSON object");
        }
        Map<String, Double> result = new LinkedHashMap<>();
        object.forEach((name, number) -> result.put((String) name, number(number, field + "." + name)));
        return result;
    }

    private static List<Double> doubles(Object value, String field) {
        return elements(value, field, Json::number);
    }

    private static double number(Object value, String field) {
        if (!(value instanceof BigDecimal number)) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        return number.doubleValue();
    }

    private static Object field(Map<?, ?> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return value;
    }

    private static List<String> strings(Object value, String field) {
        return elements(value, field, Json::string);
    }

    /** The elements of the JSON array {@code value}, each read by {@code element} (given its value and name). */
    private static <T> List<T> elements(Object value, String field, BiFunction<Object, String, T> element) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(field + " is not a JSON array");
        }
        List<T> result = new ArrayList<>(list.size());
        for (Object e : list) {
            result.add(element.apply(e, field + " element"));
        }
        return result;
    }

    private static String string(Object value, String field) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(field + " is not a JSON string");
        }
        return s;
    }

    private static boolean bool(Object value, String field) {
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(field + " is not true or false");
        }
        return b;
    }

    private static int integer(Object value, String field) {
        if (!(value instanceof BigDecimal number)) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is not an int: " + number, e);
        }
    }

    private static void appendArray(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.quote(out, values.get(i));
        }
        out.append(']');
    }

    /** Parses one JSON document (with optional surrounding white space). */
    static Object parse(String json) {
        Parser parser = new Parser(json);
        parser.skipSpace();
        Object value = parser.value(0);
        parser.skipSpace();
        if (parser.pos != json.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    private static final class Parser {
        private static final int MAX_DEPTH = 64;

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", NULL);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character");
                }
            };
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> result = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return result;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (result.put(name, value(depth + 1)) != null) {
                    throw error("duplicate member '" + name + "'");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return result;
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> result = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return result;
            }
            while (true) {
                skipSpace();
                result.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return result;
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("unescaped control character in string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        private BigDecimal number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("bad number");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("bad number");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("bad number");
                }
                digits();
            }
            return new BigDecimal(text.substring(start, pos));
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected character");
            }
            pos += word.length();
            return value;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed JSON at offset " + pos + ": " + what);
        }
    }
}
