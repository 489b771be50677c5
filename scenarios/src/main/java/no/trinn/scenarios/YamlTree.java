package no.trinn.scenarios;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.scenarios.YamlNode.Entry;
import no.trinn.scenarios.YamlNode.Kind;
import no.trinn.scenarios.YamlNode.ListNode;
import no.trinn.scenarios.YamlNode.MapNode;
import no.trinn.scenarios.YamlNode.ScalarNode;

/**
 * Turns the bytes of a YAML file into a {@link YamlNode} tree whose nodes know their lines, using Jackson's streaming
 * YAML parser. Every way the bytes can be unfit (too large, not UTF-8, binary, empty, a syntax error, several
 * documents, duplicate keys, aliases, deep nesting) becomes a problem; nothing is thrown. Thread-safe.
 */
final class YamlTree {
    /** The largest file accepted, in bytes. */
    static final int MAX_BYTES = 1024 * 1024;

    private static final int MAX_DEPTH = 40;
    /** snakeyaml's "(Do not use @ for indentation)" misleads for any character but a tab, handled apart. */
    private static final Pattern NOT_FOR_INDENTATION = Pattern.compile("\\s*\\(Do not use .{1,8} for indentation\\)");
    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private YamlTree() {
    }

    /** The factory every YAML reader of this module uses: only {@code true} and {@code false} are booleans. */
    static YAMLFactory factory() {
        return FACTORY;
    }

    /** The document's root, or nothing when {@code problems} now says why there is none. */
    static Optional<YamlNode> parse(byte[] bytes, Problems problems) {
        if (bytes.length > MAX_BYTES) {
            problems.add(0, "", "the file is larger than 1 MB; a YAML file here may have at most " + MAX_BYTES
                    + " bytes");
            return Optional.empty();
        }
        Optional<String> text = decode(bytes, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String yaml = text.get();
        int nul = yaml.indexOf('\0');
        if (nul >= 0) {
            problems.add(lineAt(yaml, nul), "", "the file contains NUL characters: it is binary or not UTF-8 text "
                    + "(UTF-16?); save it as UTF-8");
            return Optional.empty();
        }
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(1, "", "the file is empty; it holds no scenario");
                return Optional.empty();
            }
            int before = problems.mark();
            YamlNode root = node(parser, first, 0, "", problems);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                problems.add(parser.currentTokenLocation().getLineNr(), "",
                        "the file holds more than one YAML document ('---'); put one scenario in each file");
            }
            if (root instanceof ScalarNode s && s.kind() == Kind.NULL) {
                problems.add(1, "", "the file is empty; it holds no scenario");
                return Optional.empty();
            }
            return problems.since(before) && root.invalid() ? Optional.empty() : Optional.of(root);
        } catch (JsonProcessingException e) {
            syntaxProblem(yaml, e, problems);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.add(0, "", "cannot parse the YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> decode(byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            problems.add(line, "", String.format("the file is not UTF-8 text (byte 0x%02X on this line); save it as"
                    + " UTF-8", bytes[offset] & 0xFF));
            return Optional.empty();
        }
        out.flip();
        String text = out.toString();
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static YamlNode node(JsonParser parser, JsonToken token, int depth, String path, Problems problems)
            throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(line, path, "aliases (*" + parser.getText() + ") are not supported; write the value out");
            return new ScalarNode(line, Kind.INVALID, "", 0);
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            problems.add(line, path, "nested deeper than " + MAX_DEPTH + " levels");
            parser.skipChildren();
            return new ScalarNode(line, Kind.INVALID, "", 0);
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> fields = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    String child = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = node(parser, parser.nextToken(), depth + 1, child, problems);
                    Entry first = fields.putIfAbsent(key, new Entry(keyLine, value));
                    if (first != null) {
                        problems.add(keyLine, child, "duplicate key '" + key + "' (first on line " + first.line()
                                + ")");
                    }
                }
                yield new MapNode(line, fields);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    items.add(node(parser, t, depth + 1, path + "[" + items.size() + "]", problems));
                }
                yield new ListNode(line, items);
            }
            case VALUE_STRING -> new ScalarNode(line, Kind.STRING, parser.getText(), 0);
            case VALUE_NUMBER_INT -> new ScalarNode(line, Kind.INTEGER, parser.getText(), parser.getDoubleValue());
            case VALUE_NUMBER_FLOAT -> new ScalarNode(line, Kind.DECIMAL, parser.getText(), parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(line, Kind.BOOLEAN, parser.getText(), 0);
            case VALUE_NULL -> new ScalarNode(line, Kind.NULL, "", 0);
            default -> {
                problems.add(line, path, "unsupported YAML value (" + token + ")");
                yield new ScalarNode(line, Kind.INVALID, "", 0);
            }
        };
    }

    /** Reports a syntax error at the line snakeyaml points at, in one line of words, with a hint where one helps. */
    private static void syntaxProblem(String yaml, JsonProcessingException e, Problems problems) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        Matcher m = MARK.matcher(original);
        while (m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        StringBuilder words = new StringBuilder();
        for (String part : original.split("\\R")) {
            if (part.isBlank() || part.startsWith(" ")) {
                continue;
            }
            if (!words.isEmpty()) {
                words.append(": ");
            }
            words.append(part.strip());
        }
        String lineText = lineText(yaml, line);
        String message;
        if (original.contains("(TAB)") || leadingTab(lineText)) {
            message = "a tab character is used for indentation; YAML allows only spaces";
        } else {
            message = "YAML syntax error: " + NOT_FOR_INDENTATION.matcher(words).replaceAll("");
            if (original.contains("mapping values are not allowed") || original.contains("expected <block end>")
                    || original.contains("could not find expected ':'")
                    || original.contains("did not find expected key")) {
                message += " (check the indentation of this line and the one above)";
            }
        }
        problems.add(line, "", message);
    }

    private static boolean leadingTab(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                return true;
            }
            if (c != ' ' && c != '-') {
                return false;
            }
        }
        return false;
    }

    private static String lineText(String text, int line) {
        if (line < 1) {
            return "";
        }
        String[] lines = text.split("\\R", -1);
        return line <= lines.length ? lines[line - 1] : "";
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
