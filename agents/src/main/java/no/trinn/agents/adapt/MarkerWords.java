package no.trinn.agents.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.agents.AgentException;
import no.trinn.agents.dialogue.Text;
import no.trinn.core.Require;

/**
 * Per-language word lists for the politeness and affect markers of a client's turn, read from
 * {@code markers-<language>.yaml} next to this class (data, not code); unknown languages fall back to English.
 * Phrases are normalised like client text ({@link Text#normalise(String)}) and matched as whole-word sequences,
 * longest phrase first, so "tusen takk" counts once, not as "tusen takk" and "takk". Immutable and thread-safe.
 *
 * @param language the language of the lists
 * @param polite politeness phrases (please, thank you, ...), normalised
 * @param positive phrases of positive affect, normalised
 * @param negative phrases of negative affect, normalised
 */
public record MarkerWords(String language, List<String> polite, List<String> positive, List<String> negative) {
    private static final Map<String, MarkerWords> CACHE = new ConcurrentHashMap<>();

    public MarkerWords {
        Require.nonBlank(language, "language");
        polite = normalised(polite, "polite");
        positive = normalised(positive, "positive");
        negative = normalised(negative, "negative");
    }

    /** The lists of {@code language} ({@code en}, {@code nb}); English for any other language. */
    public static MarkerWords forLanguage(String language) {
        Require.nonNull(language, "language");
        String lang = MarkerWords.class.getResource(file(language)) != null ? language : "en";
        return CACHE.computeIfAbsent(lang, MarkerWords::read);
    }

    /** How many politeness phrases {@code text} holds. */
    public int politeCount(String text) {
        return count(polite, text);
    }

    /** How many phrases of positive affect {@code text} holds. */
    public int positiveCount(String text) {
        return count(positive, text);
    }

    /** How many phrases of negative affect {@code text} holds. */
    public int negativeCount(String text) {
        return count(negative, text);
    }

    private static int count(List<String> phrases, String text) {
        String n = Text.normalise(Require.nonNull(text, "text"));
        if (n.isEmpty()) {
            return 0;
        }
        String[] words = n.split(" ");
        int count = 0;
        int i = 0;
        while (i < words.length) {
            int matched = 0;
            for (String phrase : phrases) {
                String[] p = phrase.split(" ");
                if (i + p.length <= words.length && Arrays.equals(p, 0, p.length, words, i, i + p.length)) {
                    matched = p.length;
                    break;
                }
            }
            if (matched > 0) {
                count++;
                i += matched;
            } else {
                i++;
            }
        }
        return count;
    }

    /** The phrases normalised, without duplicates, longest (in words) first. */
    private static List<String> normalised(List<String> phrases, String field) {
        Require.nonNull(phrases, field);
        List<String> out = new ArrayList<>();
        for (String p : phrases) {
            String n = Text.normalise(Require.nonBlank(p, field));
            if (n.isEmpty()) {
                throw new IllegalArgumentException(field + ": '" + p + "' has no words");
            }
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        out.sort(Comparator.comparingInt((String s) -> s.split(" ").length).reversed());
        return List.copyOf(out);
    }

    private static String file(String language) {
        return "markers-" + language + ".yaml";
    }

    private static MarkerWords read(String language) {
        String name = file(language);
        try (InputStream in = MarkerWords.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AgentException(name + ": not found on the classpath");
            }
            JsonNode root = new ObjectMapper(YAMLFactory.builder()
                    .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build()).readTree(in);
            return new MarkerWords(language, strings(root, "polite", name), strings(root, "positive", name),
                    strings(root, "negative", name));
        } catch (IllegalArgumentException e) {
            throw new AgentException(name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AgentException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode root, String field, String file) {
        JsonNode node = root == null ? null : root.path(field);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new AgentException(file + ": field '" + field + "' must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> {
            if (!n.isTextual()) {
                throw new AgentException(file + ": " + field + ": every item must be text, found " + n);
            }
            out.add(n.asText());
        });
        return out;
    }
}
