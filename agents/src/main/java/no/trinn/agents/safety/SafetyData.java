package no.trinn.agents.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.trinn.agents.AgentException;
import no.trinn.core.session.SafetyEvent.Kind;

/**
 * The safety data of one language, read from {@code safety-<language>.yaml}: the curated phrases, patterns, example
 * and counter-example sentences of each kind, the similarity thresholds, and the coach messages. Immutable.
 *
 * @param language the language code of the file, e.g. {@code en}
 * @param fillers word sequences ignored around a stop or pause request ("please", "okay")
 * @param negations words that cancel a distress or relapse pattern starting shortly after them
 * @param negationWindow how many words before a pattern are searched for a negation
 * @param negationBreakers words that end that search ("I don't know, I'm panicking": "I" starts a new thought)
 * @param rules the rules of each kind, all five present
 * @param neutral ordinary scenario replies: counter-examples of every kind
 * @param messages the coach message of each kind, all five present
 * @param pausedNotice shown when the session is paused
 * @param resumedNotice shown when it resumes
 */
record SafetyData(String language, List<List<String>> fillers, Set<String> negations, int negationWindow,
        Set<String> negationBreakers, Map<Kind, KindRules> rules, List<String> neutral, Map<Kind, String> messages, String pausedNotice,
        String resumedNotice) {

    SafetyData {
        fillers = List.copyOf(fillers);
        negations = Set.copyOf(negations);
        negationBreakers = Set.copyOf(negationBreakers);
        rules = Map.copyOf(rules);
        neutral = List.copyOf(neutral);
        messages = Map.copyOf(messages);
        for (Kind k : Kind.values()) {
            if (!rules.containsKey(k) || !messages.containsKey(k)) {
                throw new IllegalArgumentException("rules and messages must cover " + k);
            }
        }
    }

    /**
     * The rules of one kind. Stop and pause use {@code phrases} (whole requests); distress, self-harm and relapse use
     * {@code patterns} (anywhere in a clause) and the embedding examples.
     *
     * @param phrases folded word sequences that are a stop or pause request by themselves
     * @param patterns curated patterns found anywhere in a clause; a hit has the kind's full severity
     * @param mildPatterns patterns whose hit has severity 1 (distress only)
     * @param notPhrases patterns that veto a phrase or pattern hit of this kind in the same clause
     * @param negationGuard whether a negation just before a pattern cancels it
     * @param examples sentences of this kind, for embedding similarity
     * @param counterExamples sentences that resemble this kind but are not it
     * @param threshold the least similarity to an example that can trigger
     * @param margin how much the best example must beat the best counter-example (neutral ones included)
     * @param strong similarity from which a distress finding has severity 2
     */
    record KindRules(List<List<String>> phrases, List<PhrasePattern> patterns, List<PhrasePattern> mildPatterns,
            List<PhrasePattern> notPhrases, boolean negationGuard, List<String> examples, List<String> counterExamples,
            double threshold, double margin, double strong) {
        KindRules {
            phrases = List.copyOf(phrases);
            patterns = List.copyOf(patterns);
            mildPatterns = List.copyOf(mildPatterns);
            notPhrases = List.copyOf(notPhrases);
            examples = List.copyOf(examples);
            counterExamples = List.copyOf(counterExamples);
        }
    }

    private static final Set<String> TOP_KEYS = Set.of("language", "fillers", "negations", "negation_window", "negation_breakers", "stop",
            "pause", "distress", "self_harm", "relapse", "neutral", "messages");
    private static final Set<String> CONTROL_KEYS = Set.of("phrases", "not_phrases");
    private static final Set<String> DETECT_KEYS = Set.of("patterns", "mild_patterns", "not_phrases",
            "negation_guard", "threshold", "margin", "strong", "examples", "counter_examples");
    private static final Set<String> MESSAGE_KEYS = Set.of("stop", "pause", "distress", "self_harm", "relapse",
            "paused", "resumed");

    /** The resource name of a language's file, relative to this package. */
    static String fileName(String language) {
        return "safety-" + language + ".yaml";
    }

    /** Reads the bundled file of {@code language}; an {@link AgentException} naming the file if it is missing. */
    static SafetyData load(String language) {
        String name = fileName(language);
        try (InputStream in = SafetyData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AgentException(name + ": not found on the classpath");
            }
            SafetyData data = read(name, in);
            if (!data.language().equals(language)) {
                throw new AgentException(name + ": field 'language' is '" + data.language() + "', expected '"
                        + language + "'");
            }
            return data;
        } catch (IOException e) {
            throw new AgentException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses and validates one file. Errors are {@link AgentException}s naming the file, the line where known, and
     * the field.
     */
    static SafetyData read(String name, InputStream in) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new AgentException(name + where + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AgentException(name + ": cannot read: " + e.getMessage(), e);
        }
        Reader r = new Reader(name);
        if (root == null || !root.isObject()) {
            throw r.error("", "the file must be a mapping");
        }
        r.keys(root, "", TOP_KEYS);
        String language = r.text(root, "", "language");
        List<List<String>> fillers = new ArrayList<>();
        for (String f : r.strings(root, "", "fillers", false)) {
            fillers.add(r.wordsOf(f, "fillers"));
        }
        Set<String> negations = r.words(root, "negations", false);
        Set<String> breakers = r.words(root, "negation_breakers", true);
        int window = r.integer(root, "", "negation_window", 0, 6);
        Map<Kind, KindRules> rules = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            String field = key(k);
            JsonNode node = root.path(field);
            if (!node.isObject()) {
                throw r.error(field, "must be a mapping");
            }
            rules.put(k, k == Kind.STOP || k == Kind.PAUSE ? r.control(node, field) : r.detect(node, field, k));
        }
        List<String> neutral = r.strings(root, "", "neutral", false);
        JsonNode msg = root.path("messages");
        if (!msg.isObject()) {
            throw r.error("messages", "must be a mapping");
        }
        r.keys(msg, "messages.", MESSAGE_KEYS);
        Map<Kind, String> messages = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            messages.put(k, r.text(msg, "messages.", key(k)));
        }
        return new SafetyData(language, fillers, negations, window, breakers, rules, neutral, messages,
                r.text(msg, "messages.", "paused"), r.text(msg, "messages.", "resumed"));
    }

    /** The YAML key of a kind: {@code stop}, {@code pause}, {@code distress}, {@code self_harm}, {@code relapse}. */
    static String key(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Reads fields of one file, naming the file and the field (with its parents, e.g. distress.threshold). */
    private record Reader(String file) {
        AgentException error(String field, String problem) {
            return new AgentException(file + ": " + (field.isEmpty() ? "" : "field '" + field + "' ") + problem);
        }

        void keys(JsonNode node, String prefix, Set<String> allowed) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!allowed.contains(n)) {
                    throw error(prefix + n, "is not known; expected one of " + new TreeSet<>(allowed));
                }
            }
        }

        String text(JsonNode node, String prefix, String field) {
            JsonNode v = node.path(field);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(prefix + field, "must be a non-blank text");
            }
            return v.asText().strip();
        }

        int integer(JsonNode node, String prefix, String field, int min, int max) {
            JsonNode v = node.path(field);
            if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
                throw error(prefix + field, "must be a whole number in [" + min + ", " + max + "]");
            }
            return v.asInt();
        }

        double number(JsonNode node, String prefix, String field, double min, double max) {
            JsonNode v = node.path(field);
            if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
                throw error(prefix + field, "must be a number in [" + min + ", " + max + "]");
            }
            return v.asDouble();
        }

        List<String> strings(JsonNode node, String prefix, String field, boolean optional) {
            JsonNode v = node.path(field);
            if (v.isMissingNode() && optional) {
                return List.of();
            }
            if (!v.isArray() || v.isEmpty()) {
                throw error(prefix + field, "must be a non-empty list");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw error(prefix + field, "item " + (out.size() + 1) + " must be a non-blank text");
                }
                out.add(item.asText().strip());
            }
            return out;
        }

        Set<String> words(JsonNode root, String field, boolean optional) {
            Set<String> out = new HashSet<>();
            for (String n : strings(root, "", field, optional)) {
                List<String> w = wordsOf(n, field);
                if (w.size() != 1) {
                    throw error(field, "'" + n + "' must be one word");
                }
                out.add(w.get(0));
            }
            return out;
        }

        List<String> wordsOf(String text, String field) {
            List<String> w = SafetyText.words(text);
            if (w.isEmpty()) {
                throw error(field, "'" + text + "' holds no word");
            }
            return w;
        }

        List<PhrasePattern> patterns(JsonNode node, String prefix, String field, boolean optional) {
            List<PhrasePattern> out = new ArrayList<>();
            for (String s : strings(node, prefix, field, optional)) {
                try {
                    out.add(PhrasePattern.parse(s));
                } catch (IllegalArgumentException e) {
                    throw error(prefix + field, "pattern '" + s + "': " + e.getMessage());
                }
            }
            return out;
        }

        KindRules control(JsonNode node, String field) {
            String p = field + ".";
            keys(node, p, CONTROL_KEYS);
            List<List<String>> phrases = new ArrayList<>();
            for (String s : strings(node, p, "phrases", false)) {
                phrases.add(wordsOf(s, p + "phrases"));
            }
            return new KindRules(phrases, List.of(), List.of(), patterns(node, p, "not_phrases", true), false,
                    List.of(), List.of(), 1.0, 0.0, 1.0);
        }

        KindRules detect(JsonNode node, String field, Kind kind) {
            String p = field + ".";
            keys(node, p, DETECT_KEYS);
            List<PhrasePattern> mild = patterns(node, p, "mild_patterns", true);
            if (!mild.isEmpty() && kind != Kind.DISTRESS) {
                throw error(p + "mild_patterns", "is only allowed for distress");
            }
            JsonNode guard = node.path("negation_guard");
            if (!guard.isBoolean()) {
                throw error(p + "negation_guard", "must be true or false");
            }
            double threshold = number(node, p, "threshold", 0.0, 1.0);
            double strong = node.has("strong") ? number(node, p, "strong", threshold, 1.0) : threshold;
            return new KindRules(List.of(), patterns(node, p, "patterns", false), mild,
                    patterns(node, p, "not_phrases", true), guard.asBoolean(), strings(node, p, "examples", false),
                    strings(node, p, "counter_examples", false), threshold, number(node, p, "margin", 0.0, 1.0),
                    strong);
        }
    }
}
