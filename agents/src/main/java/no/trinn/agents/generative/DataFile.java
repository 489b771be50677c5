package no.trinn.agents.generative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.trinn.agents.AgentException;
import no.trinn.core.Require;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Range;

/**
 * One YAML data file of this package, read from the classpath, with readers that name the file and the field
 * (with its parents, e.g. {@code reply.role.phrases}) in every error.
 *
 * @param name the file name, e.g. {@code guard-en.yaml}
 * @param root the parsed file
 */
record DataFile(String name, JsonNode root) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    DataFile {
        Require.nonBlank(name, "name");
        Require.nonNull(root, "root");
    }

    /** The languages with their own data files. */
    static final List<String> LANGUAGES = List.of("en", "nb");

    /** Reads {@code name} from this package's resources; an {@link AgentException} if it is missing or malformed. */
    static DataFile read(String name) {
        try (InputStream in = DataFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AgentException("generative data file " + name + ": not found on the classpath");
            }
            return new DataFile(name, YAML.readTree(in));
        } catch (IOException e) {
            throw new AgentException("generative data file " + name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The data language serving {@code language}: {@code nb} for {@code nb}, {@code no} and {@code nn} (with or
     * without a region), {@code en} for English and anything else.
     */
    static String resolve(String language) {
        String primary = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        if (primary.equals("no") || primary.equals("nn")) {
            primary = "nb";
        }
        return LANGUAGES.contains(primary) ? primary : "en";
    }

    AgentException error(String field, String problem) {
        return new AgentException("generative data file " + name + ": field '" + field + "' " + problem);
    }

    /** The node at a dotted path, e.g. {@code reply.role}; a missing node if any part is missing. */
    JsonNode at(String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    String text(String path) {
        JsonNode v = at(path);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(path, "must be a non-blank text");
        }
        return v.asText();
    }

    double number(String path, double min, double max) {
        JsonNode v = at(path);
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            throw error(path, "must be a number in [" + min + ", " + max + "]");
        }
        return v.asDouble();
    }

    /** A non-empty list of non-blank texts; with {@code optional}, a missing field is an empty list. */
    List<String> strings(String path, boolean optional) {
        JsonNode v = at(path);
        if (v.isMissingNode() && optional) {
            return List.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw error(path, "must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw error(path, "item " + (out.size() + 1) + " must be a non-blank text");
            }
            out.add(item.asText().strip());
        }
        return List.copyOf(out);
    }

    /** Curated phrases ({@link Phrase}); an error names the field and the phrase. */
    List<Phrase> phrases(String path, boolean optional) {
        List<Phrase> out = new ArrayList<>();
        for (String s : strings(path, optional)) {
            try {
                out.add(Phrase.parse(s));
            } catch (IllegalArgumentException e) {
                throw error(path, "phrase '" + s + "': " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** Authored lines: a non-empty list of {@code {text, when}} mappings, as in scenario files. */
    List<Line> lines(String path) {
        JsonNode v = at(path);
        if (!v.isArray() || v.isEmpty()) {
            throw error(path, "must be a non-empty list of lines");
        }
        List<Line> out = new ArrayList<>();
        for (JsonNode n : v) {
            String field = path + "[" + out.size() + "]";
            if (!n.path("text").isTextual() || n.path("text").asText().isBlank()) {
                throw error(field + ".text", "must be a non-blank text");
            }
            Map<String, Range> when = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : n.path("when").properties()) {
                JsonNode r = e.getValue();
                if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
                    throw error(field + ".when." + e.getKey(), "must be a range [min, max]");
                }
                try {
                    when.put(e.getKey(), new Range(r.get(0).asDouble(), r.get(1).asDouble()));
                } catch (IllegalArgumentException x) {
                    throw error(field + ".when." + e.getKey(), x.getMessage());
                }
            }
            out.add(new Line(n.path("text").asText().strip(), when));
        }
        return List.copyOf(out);
    }

    /** Requires the file's {@code language} field to be {@code language}. */
    void requireLanguage(String language) {
        if (!text("language").equals(language)) {
            throw error("language", "must be '" + language + "'");
        }
    }
}
