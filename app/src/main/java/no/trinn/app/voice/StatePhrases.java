package no.trinn.app.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.agents.dialogue.CommonPhrases;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.core.Require;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;
import no.trinn.speech.asr.SphinxRecognizer;

/**
 * What a grammar-mode recognizer expects in one scenario state, shared by the voice session ({@link VoicePractice})
 * and the voice evaluation ({@code trinn eval --voice}): the examples of the state's intents, the repair phrases of
 * the scenario's language and the stop and pause phrases of the safety check, in that order; and the Sphinx4
 * recognizer over them (espeak-ng pronunciations for Norwegian Bokmål, the US English dictionary otherwise).
 */
public final class StatePhrases {
    /** The language code of Norwegian Bokmål. */
    public static final String NORWEGIAN = "nb";

    private StatePhrases() {
    }

    /** The examples of every intent of {@code stateId} in {@code scenario}, in order; empty for an unknown state. */
    public static List<String> examples(Scenario scenario, String stateId) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(stateId, "stateId");
        return scenario.state(stateId).map(StatePhrases::examples).orElse(List.of());
    }

    /** The examples of every intent of {@code state}, in order. */
    public static List<String> examples(State state) {
        return Require.nonNull(state, "state").intents().stream().map(Intent::examples).flatMap(List::stream)
                .toList();
    }

    /**
     * What a state's recognizer listens for, in three groups.
     *
     * @param examples the state's intent examples
     * @param repairs the language's repair phrases ("Sorry?")
     * @param controls the safety check's stop and pause phrases
     */
    public record Grammar(List<String> examples, List<String> repairs, List<String> controls) {
        public Grammar {
            examples = List.copyOf(Require.nonNull(examples, "examples"));
            repairs = List.copyOf(Require.nonNull(repairs, "repairs"));
            controls = List.copyOf(Require.nonNull(controls, "controls"));
        }

        /** Every phrase: the examples, then the repairs, then the controls. */
        public List<String> all() {
            List<String> all = new ArrayList<>(examples);
            all.addAll(repairs);
            all.addAll(controls);
            return List.copyOf(all);
        }

        /** The one-word stop and pause phrases ("stop", "pause", ...): the ones that must always be heard. */
        public List<String> coreControls() {
            return controls.stream().filter(c -> !c.strip().contains(" ")).toList();
        }

        /** The other stop and pause phrases ("i want to stop", ...). */
        public List<String> otherControls() {
            return controls.stream().filter(c -> c.strip().contains(" ")).toList();
        }
    }

    /** {@code examples}, the repair phrases of {@code language} and {@code safety}'s stop and pause phrases. */
    public static Grammar grammar(List<String> examples, String language, SafetyCheck safety) {
        Require.nonNull(examples, "examples");
        Require.nonNull(language, "language");
        Require.nonNull(safety, "safety");
        return new Grammar(examples, CommonPhrases.forLanguage(language).repair(), safety.controlPhrases(language));
    }

    /**
     * How likely the longer stop and pause phrases ("i want to stop", ...) are together before anything is heard,
     * against a weight of 1 for each of the state's answers, each repair request and each one-word stop or pause
     * ("stop", "pause", heard even over the character's voice). With every phrase equally likely the 82 longer
     * English ways of saying "stop" or "pause" crowded out a state's few answers, so plain answers came back as stop
     * phrases (28 % of simulated turns heard as a stop or pause the client never said; trinn eval --voice).
     */
    static final double LONGER_CONTROLS_WEIGHT = 0.25;

    private static double size(List<String> group) {
        return Math.max(1, group.size());
    }

    /** The Sphinx4 grammar recognizer of {@code grammar} in {@code language} (takes about a second to load). */
    public static SphinxRecognizer sphinx(String language, Grammar grammar) {
        Require.nonNull(language, "language");
        Require.nonNull(grammar, "grammar");
        List<List<String>> groups = List.of(grammar.examples(), grammar.repairs(), grammar.coreControls(),
                grammar.otherControls());
        // a group's weight is shared by its phrases: a weight of n gives each of n phrases the weight 1
        List<Double> weights = List.of(size(grammar.examples()), size(grammar.repairs()),
                size(grammar.coreControls()), LONGER_CONTROLS_WEIGHT);
        return NORWEGIAN.equals(language)
                ? SphinxRecognizer.norwegianGrouped(groups, weights) // espeak-ng nb pronunciations
                : SphinxRecognizer.grouped(groups, weights, Optional.empty());
    }
}
