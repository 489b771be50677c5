package no.trinn.agents.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.agents.AgentException;
import no.trinn.agents.YamlResource;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Range;

/**
 * The words a dialogue engine needs beside a scenario's own, per language: how clients ask for a repeat, what a
 * character says to a silent client, stop words for matching, and the texts of end-of-session feedback. Read from
 * {@code common-<language>.yaml} on the classpath; unknown languages fall back to English.
 *
 * @param language the language these phrases are in
 * @param repair example utterances of a repeat or rephrase request
 * @param repeatPrefix lines said before repeating the last line
 * @param silence lines said when the client says nothing
 * @param stopWords words ignored by word-overlap matching
 * @param questionWords words that make an utterance a question when it starts with one
 * @param politeWords words that count as politeness markers
 * @param feedback feedback texts by key (strengths.*, practise.*)
 * @param semanticThreshold the lowest embedding similarity that makes an intent match in this language
 * @param lexicalThreshold the lowest word overlap that makes an intent match in this language
 */
public record CommonPhrases(String language, List<String> repair, List<Line> repeatPrefix, List<Line> silence,
        Set<String> stopWords, Set<String> questionWords, Set<String> politeWords, Map<String, String> feedback,
        double semanticThreshold, double lexicalThreshold) {
    private static final Map<String, CommonPhrases> CACHE = new ConcurrentHashMap<>();

    public CommonPhrases {
        repair = List.copyOf(repair);
        repeatPrefix = List.copyOf(repeatPrefix);
        silence = List.copyOf(silence);
        stopWords = Set.copyOf(stopWords);
        questionWords = Set.copyOf(questionWords);
        politeWords = Set.copyOf(politeWords);
        feedback = Map.copyOf(feedback);
        no.trinn.core.Require.inRange(semanticThreshold, 0.05, 1.0, "matching.semantic");
        no.trinn.core.Require.inRange(lexicalThreshold, 0.05, 1.0, "matching.lexical");
    }

    /** The phrases of {@code language} ({@code en}, {@code nb}); English for any other language. */
    public static CommonPhrases forLanguage(String language) {
        String lang = CommonPhrases.class.getResource("common-" + language + ".yaml") != null ? language : "en";
        return CACHE.computeIfAbsent(lang, CommonPhrases::read);
    }

    /** The feedback text for {@code key}; an exception naming the key and file if it is missing. */
    public String feedback(String key) {
        String text = feedback.get(key);
        if (text == null) {
            throw new AgentException("common-" + language + ".yaml: feedback key '" + key + "' is missing");
        }
        return text;
    }

    private static CommonPhrases read(String language) {
        String name = "common-" + language + ".yaml";
        JsonNode root = YamlResource.tree(CommonPhrases.class, name);
        try {
            Map<String, String> feedback = new HashMap<>();
            flatten("", root.path("feedback"), feedback);
            return new CommonPhrases(language, YamlResource.strings(root, "repair", name),
                    lines(root.path("repeatPrefix")), lines(root.path("silence")),
                    new HashSet<>(YamlResource.strings(root, "stopWords", name)),
                    new HashSet<>(YamlResource.strings(root, "questionWords", name)),
                    new HashSet<>(YamlResource.strings(root, "politeWords", name)), feedback,
                    root.path("matching").path("semantic").asDouble(0), root.path("matching").path("lexical").asDouble(0));
        } catch (IllegalArgumentException e) {
            throw new AgentException(name + ": " + e.getMessage(), e);
        }
    }

    private static List<Line> lines(JsonNode node) {
        List<Line> out = new ArrayList<>();
        for (JsonNode n : node) {
            Map<String, Range> when = new HashMap<>();
            n.path("when").properties().forEach(e -> when.put(e.getKey(),
                    new Range(e.getValue().path(0).asDouble(), e.getValue().path(1).asDouble())));
            out.add(new Line(n.path("text").asText(), when));
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isTextual()) {
            out.put(prefix, node.asText());
        }
    }
}
