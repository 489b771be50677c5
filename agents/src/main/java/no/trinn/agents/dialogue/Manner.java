package no.trinn.agents.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.agents.AgentException;
import no.trinn.core.Require;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Range;

/**
 * How every character of the scripted engine behaves beside its scenario's own lines, so that each behaviour
 * parameter changes what the client meets even in a scenario with no {@code when} conditions on it: warm words
 * before a reprompt or a curt opener (warmth), an impatient, shortened reprompt (patience), a nudge after a reprompt
 * (pressure), a cut-in on a long client turn (interruptions), a distraction aside (distractions), a vague reprompt or
 * a line without its explanation (ambiguity), run-on sentences (speechRate). Complexity acts through the scenario's
 * lines only.
 *
 * <p>The words and the values at which each {@link Effect} can appear are data, per language, in
 * {@code manner-<language>.yaml}; an effect is possible only when one of its lines (or its {@code when}) fits the
 * values now. Whether a possible effect appears on a given turn is chosen from the turn number (or, where the turn is
 * unknown, from the state, the recent lines and the client's words) and the value: each effect appears on a share of
 * turns that grows with its value, spread evenly over a session, the same in every run. At difficulty 0 no effect
 * but {@link Effect#WARM} ever appears, whatever the values. Immutable and thread-safe; one instance per language.
 */
public final class Manner {
    /** A client turn of at least this many words is long enough for the character to cut in on. */
    public static final int LONG_TURN_WORDS = 12;
    /** The share of client turns with a distraction is this times the {@code distractions} value. */
    public static final double DISTRACTION_SHARE = 0.6;

    private static final Map<String, Manner> CACHE = new ConcurrentHashMap<>();
    private static final double GOLDEN = 0.6180339887498949;

    /** One generic behaviour; {@link #harder()} ones never appear at difficulty 0. */
    public enum Effect {
        /** Warm words before a reprompt (warmth). */
        WARM("warm", false),
        /** A curt opener before an answer (low warmth). */
        CURT("curt", true),
        /** An impatient word before a reprompt cut to its last sentence (low patience). */
        IMPATIENT("impatient", true),
        /** A nudge after a reprompt or silence line (pressure). */
        NUDGE("nudge", true),
        /** A cut-in before the answer to a long, understood client turn (interruptions). */
        CUT_IN("cutIn", true),
        /** A cut-in before the reprompt after a long client turn that was not understood (interruptions). */
        CUT_IN_OFF_TOPIC("cutInOffTopic", true),
        /** A distraction aside before the answer (distractions). */
        DISTRACTION("distraction", true),
        /** A vague reprompt instead of the state's own (ambiguity). */
        VAGUE("vague", true),
        /** A line cut after its first question, without the explanation that followed (ambiguity). */
        TERSE("terse", true),
        /** Sentences run on into each other (speechRate). */
        FAST_SPEECH("fastSpeech", true);

        private final String field;
        private final boolean harder;

        Effect(String field, boolean harder) {
            this.field = field;
            this.harder = harder;
        }

        /** The field of the data file that holds this effect. */
        public String field() {
            return field;
        }

        /** Whether this effect makes the conversation harder (and so never appears at difficulty 0). */
        public boolean harder() {
            return harder;
        }
    }

    /**
     * A character line after this manner shaped it.
     *
     * @param text what the character says
     * @param effects the effects that shaped it
     */
    public record Shaped(String text, Set<Effect> effects) {
        public Shaped {
            Require.nonBlank(text, "text");
            effects = effects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(effects));
        }
    }

    private final String language;
    private final Map<Effect, List<Line>> lines;
    private final Map<Effect, Map<String, Range>> conditions;
    private final Set<String> joinWords;

    private Manner(String language, Map<Effect, List<Line>> lines, Map<Effect, Map<String, Range>> conditions,
            Set<String> joinWords) {
        this.language = language;
        this.lines = Map.copyOf(lines);
        this.conditions = Map.copyOf(conditions);
        this.joinWords = Set.copyOf(joinWords);
    }

    /** The manner of {@code language} ({@code en}, {@code nb}); English for any other language. */
    public static Manner forLanguage(String language) {
        Require.nonNull(language, "language");
        String lang = Manner.class.getResource("manner-" + language + ".yaml") != null ? language : "en";
        return CACHE.computeIfAbsent(lang, Manner::read);
    }

    /** The language of this manner's words. */
    public String language() {
        return language;
    }

    /** The lines of a line effect (empty for {@link Effect#TERSE} and {@link Effect#FAST_SPEECH}). */
    public List<Line> lines(Effect effect) {
        return lines.getOrDefault(effect, List.of());
    }

    /**
     * The effects that can appear at all with {@code values} (on some turn): those with a fitting line or condition;
     * at difficulty 0 only {@link Effect#WARM}.
     */
    public Set<Effect> possible(Map<String, Double> values) {
        Require.nonNull(values, "values");
        Set<Effect> out = EnumSet.noneOf(Effect.class);
        for (Effect e : Effect.values()) {
            if (possible(e, values)) {
                out.add(e);
            }
        }
        return out;
    }

    private boolean possible(Effect e, Map<String, Double> values) {
        if (e.harder() && easiest(values)) {
            return false;
        }
        Map<String, Range> when = conditions.get(e);
        if (when != null) {
            return new Line("-", when).fits(values);
        }
        return lines(e).stream().anyMatch(l -> l.fits(values));
    }

    /** The opening line, shaped: only the speech rate acts on it. */
    public Shaped opening(TurnContext ctx, String text) {
        Set<Effect> used = EnumSet.noneOf(Effect.class);
        return new Shaped(fast(ctx, text, used), used);
    }

    /**
     * The answer to an understood client turn, shaped.
     *
     * @param utterance the client's words
     * @param parts the answer's parts (the intent's reply, the next state's line), in order; not empty
     */
    public Shaped understood(TurnContext ctx, String utterance, List<String> parts) {
        Require.nonEmpty(parts, "parts");
        Set<Effect> used = EnumSet.noneOf(Effect.class);
        long seed = seed(ctx, utterance);
        List<String> out = new ArrayList<>();
        boolean cut = Text.wordCount(utterance) >= LONG_TURN_WORDS
                && add(Effect.CUT_IN, ctx, seed, ctx.value("interruptions", 0), out, used);
        if (!cut) {
            add(Effect.DISTRACTION, ctx, seed, DISTRACTION_SHARE * ctx.value("distractions", 0), out, used);
            add(Effect.CURT, ctx, seed, 1 - ctx.value("warmth", 1), out, used);
        }
        boolean terse = possible(Effect.TERSE, ctx.behaviour())
                && on(Effect.TERSE, seed, ctx.value("ambiguity", 0));
        for (String part : parts) {
            String t = terse ? terse(part) : part;
            if (!t.equals(part)) {
                used.add(Effect.TERSE);
            }
            out.add(t);
        }
        return new Shaped(fast(ctx, String.join(" ", out), used), used);
    }

    /**
     * The answer to a client turn that was not understood, shaped.
     *
     * @param utterance the client's words
     * @param reprompt the state's reprompt, as the scenario's lines give it
     */
    public Shaped notUnderstood(TurnContext ctx, String utterance, String reprompt) {
        Set<Effect> used = EnumSet.noneOf(Effect.class);
        long seed = seed(ctx, utterance);
        List<String> out = new ArrayList<>();
        boolean cut = Text.wordCount(utterance) >= LONG_TURN_WORDS
                && add(Effect.CUT_IN_OFF_TOPIC, ctx, seed, ctx.value("interruptions", 0), out, used);
        add(Effect.WARM, ctx, seed, 1, out, used);
        boolean impatient = add(Effect.IMPATIENT, ctx, seed, 1, out, used);
        if (!cut) {
            add(Effect.DISTRACTION, ctx, seed, DISTRACTION_SHARE * ctx.value("distractions", 0), out, used);
        }
        if (!add(Effect.VAGUE, ctx, seed, ctx.value("ambiguity", 0), out, used)) {
            out.add(impatient ? lastSentence(reprompt) : reprompt);
        }
        add(Effect.NUDGE, ctx, seed, ctx.value("pressure", 0), out, used);
        return new Shaped(fast(ctx, String.join(" ", out), used), used);
    }

    /** What the character says to a silent client ({@code line}: the silence line), shaped. */
    public Shaped silence(TurnContext ctx, String line) {
        Set<Effect> used = EnumSet.noneOf(Effect.class);
        List<String> out = new ArrayList<>();
        out.add(line);
        add(Effect.NUDGE, ctx, seed(ctx, ""), ctx.value("pressure", 0), out, used);
        return new Shaped(fast(ctx, String.join(" ", out), used), used);
    }

    /**
     * {@code text} without the lines this manner put before or after it (distraction asides, cut-ins, nudges, ...),
     * so that a repeat says only what matters.
     */
    public String strip(String text) {
        Require.nonNull(text, "text");
        List<String> known = new ArrayList<>();
        lines.values().forEach(list -> list.forEach(l -> known.add(l.text())));
        known.sort((x, y) -> y.length() - x.length());
        String out = text.strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String k : known) {
                if (out.startsWith(k + " ")) {
                    out = out.substring(k.length() + 1).strip();
                    changed = true;
                } else if (out.endsWith(" " + k)) {
                    out = out.substring(0, out.length() - k.length() - 1).strip();
                    changed = true;
                }
            }
        }
        return out;
    }

    /** Adds a line of {@code effect} to {@code out} if one fits and the turn falls in its share; whether it did. */
    private boolean add(Effect effect, TurnContext ctx, long seed, double share, List<String> out, Set<Effect> used) {
        if (effect.harder() && easiest(ctx.behaviour())) {
            return false;
        }
        List<Line> fitting = lines(effect).stream().filter(l -> l.fits(ctx.behaviour())).toList();
        if (fitting.isEmpty() || !on(effect, seed, share)) {
            return false;
        }
        out.add(fitting.get((int) Math.floorMod(seed + effect.ordinal(), (long) fitting.size())).text());
        used.add(effect);
        return true;
    }

    /**
     * Whether {@code effect} falls on the turn with {@code seed} given its share of turns: the golden-ratio sequence
     * spreads the turns evenly, so over n turns about {@code share * n} have it, and none at share 0.
     */
    static boolean on(Effect effect, long seed, double share) {
        if (share <= 0) {
            return false;
        }
        double phase = (seed + 1) * GOLDEN + effect.ordinal() * 0.2113248654;
        return phase - Math.floor(phase) < share;
    }

    /** The turn number, or a reproducible number from where the conversation stands when it is unknown. */
    static long seed(TurnContext ctx, String utterance) {
        if (ctx.turn() != TurnContext.UNKNOWN_TURN) {
            return ctx.turn();
        }
        return Math.floorMod(Objects.hash(ctx.stateId(), ctx.recentLines(), Text.normalise(utterance)), 1 << 20);
    }

    private static boolean easiest(Map<String, Double> values) {
        Double d = values.get(BehaviourParameters.DIFFICULTY);
        return d != null && d <= 0;
    }

    private String fast(TurnContext ctx, String text, Set<Effect> used) {
        if (!possible(Effect.FAST_SPEECH, ctx.behaviour())) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        List<String> sentences = sentences(text);
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            if (i > 0 && out.charAt(out.length() - 1) == '.' && !out.toString().endsWith("...")
                    && joinable(s)) {
                out.setCharAt(out.length() - 1, ',');
                out.append(' ').append(s.substring(0, 1).toLowerCase(Locale.ROOT)).append(s.substring(1));
                used.add(Effect.FAST_SPEECH);
            } else {
                out.append(out.isEmpty() ? "" : " ").append(s);
            }
        }
        return out.toString();
    }

    private boolean joinable(String sentence) {
        String first = sentence.split("\\s+", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}']", "")
                .replace('\u2019', '\'');
        return !first.isEmpty() && Character.isUpperCase(sentence.charAt(0)) && sentence.length() > 1
                && !Character.isUpperCase(sentence.charAt(1)) && joinWords.contains(first);
    }

    /** The sentences of {@code line} up to its first question, if more follow it. */
    static String terse(String line) {
        List<String> sentences = sentences(line);
        for (int i = 0; i < sentences.size() - 1; i++) {
            if (sentences.get(i).endsWith("?")) {
                return String.join(" ", sentences.subList(0, i + 1));
            }
        }
        return line;
    }

    static String lastSentence(String line) {
        List<String> sentences = sentences(line);
        return sentences.getLast();
    }

    /** The sentences of {@code text}: split after . ! ? (and ...) followed by white space. */
    static List<String> sentences(String text) {
        return Arrays.stream(text.strip().split("(?<=[.!?])\\s+")).filter(s -> !s.isBlank()).toList();
    }

    private static Manner read(String language) {
        String name = "manner-" + language + ".yaml";
        try (InputStream in = Manner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AgentException(name + ": not found on the classpath");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            if (!language.equals(root.path("language").asText())) {
                throw new AgentException(name + ": field 'language' must be '" + language + "'");
            }
            Map<Effect, List<Line>> lines = new EnumMap<>(Effect.class);
            Map<Effect, Map<String, Range>> conditions = new EnumMap<>(Effect.class);
            for (Effect e : Effect.values()) {
                JsonNode node = root.path(e.field());
                if (node.isArray() && !node.isEmpty()) {
                    List<Line> list = new ArrayList<>();
                    for (JsonNode n : node) {
                        if (!n.path("text").isTextual() || n.path("text").asText().isBlank()) {
                            throw new AgentException(name + ": field '" + e.field() + "' needs a text on every line");
                        }
                        list.add(new Line(n.path("text").asText().strip(), when(n.path("when"), name, e.field())));
                    }
                    lines.put(e, List.copyOf(list));
                } else if (node.isObject() && node.has("when")) {
                    conditions.put(e, when(node.path("when"), name, e.field()));
                } else {
                    throw new AgentException(name + ": field '" + e.field() + "' is missing: a list of lines, or"
                            + " a mapping with 'when'");
                }
            }
            Set<String> joinWords = new HashSet<>();
            root.path(Effect.FAST_SPEECH.field()).path("joinWords")
                    .forEach(n -> joinWords.add(n.asText().toLowerCase(Locale.ROOT)));
            return new Manner(language, lines, conditions, joinWords);
        } catch (IllegalArgumentException e) {
            throw new AgentException(name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AgentException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Range> when(JsonNode node, String file, String field) {
        Map<String, Range> when = new HashMap<>();
        for (Map.Entry<String, JsonNode> c : node.properties()) {
            JsonNode r = c.getValue();
            if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
                throw new AgentException(file + ": field '" + field + "': when." + c.getKey()
                        + " must be a range [min, max]");
            }
            when.put(c.getKey(), new Range(r.get(0).asDouble(), r.get(1).asDouble()));
        }
        if (when.isEmpty()) {
            throw new AgentException(file + ": field '" + field + "': every line needs a 'when' condition, so that"
                    + " it appears only at the values it is meant for");
        }
        return when;
    }
}
