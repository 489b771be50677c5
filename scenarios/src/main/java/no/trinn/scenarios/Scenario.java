package no.trinn.scenarios;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * A practice scenario: one learning goal in one setting, a few characters and a small state graph. Scenarios are
 * data, read from YAML files by {@link ScenarioLoader}; see {@code scenario.schema.json} for the format.
 *
 * @param id unique across the library, lower-case words joined by hyphens
 * @param title a short title
 * @param language BCP 47 language of every line and example: {@code en} or {@code nb}
 * @param tier 1 cognitive, 2 socio-emotional, 3 instrumental, 4 complex social functions
 * @param summary one or two sentences for the client and therapist
 * @param goal the learning goal
 * @param setting where the conversation happens, described for the client
 * @param characters the characters; at least one; the first speaks unless a state names another
 * @param opening lines the first character opens the conversation with; the session then waits in the first state
 * @param states the state graph; the first is the start state; at least one is an end state
 * @param followUp a small real-world task to try after the session
 * @param translationOf the id of the scenario this one translates, if any
 * @param source where the scenario was read from (a file path or a library resource name)
 */
public record Scenario(String id, String title, String language, int tier, String summary, Goal goal, String setting,
        List<Character> characters, List<Line> opening, List<State> states, String followUp,
        Optional<String> translationOf, String source) {
    public Scenario {
        Require.nonBlank(id, "id");
        Require.nonBlank(title, "title");
        Require.nonBlank(language, "language");
        Require.inRange(tier, 1, 4, "tier");
        Require.nonBlank(summary, "summary");
        Require.nonNull(goal, "goal");
        Require.nonBlank(setting, "setting");
        characters = List.copyOf(Require.nonEmpty(characters, "characters"));
        opening = List.copyOf(Require.nonEmpty(opening, "opening"));
        states = List.copyOf(Require.nonEmpty(states, "states"));
        Require.nonBlank(followUp, "followUp");
        Require.nonNull(translationOf, "translationOf");
        Require.nonBlank(source, "source");
    }

    /** The state with {@code id}, if there is one. */
    public Optional<State> state(String id) {
        return states.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The start state. */
    public State start() {
        return states.getFirst();
    }

    /** The character with {@code id}, if there is one. */
    public Optional<Character> character(String id) {
        return characters.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The character who speaks in {@code state}. */
    public Character speaker(State state) {
        return state.character().flatMap(this::character).orElse(characters.getFirst());
    }
}
