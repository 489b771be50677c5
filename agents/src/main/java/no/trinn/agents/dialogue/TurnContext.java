package no.trinn.agents.dialogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;

/**
 * Everything a dialogue engine needs to answer one client turn, beside the messages: where the conversation stands
 * and how the character should behave. Engines are stateless; the session keeps this and passes it with each
 * request (see {@link TurnRequestParameters}).
 *
 * @param scenario the scenario being practised
 * @param stateId the current state
 * @param behaviour the behaviour parameter values for this turn, plus temperament values and {@code difficulty}
 * @param recentLines the character's recent lines, oldest first, so the engine can avoid repeating itself
 * @param lastCharacterLine what the character said last, for repeat requests
 * @param misunderstandings how many client turns in a row were not understood
 * @param turn how many client turns the session has had before this one (0 for the first client turn and the
 *     opening), or {@value #UNKNOWN_TURN} when the caller does not count turns; the scripted engine's generic
 *     behaviours (distractions, interruptions, ...) fall on turns chosen from it, so a session with the same turns
 *     and values meets them at the same turns (with {@value #UNKNOWN_TURN} they are chosen from the state, the recent
 *     lines and the client's words instead, just as reproducibly)
 */
public record TurnContext(Scenario scenario, String stateId, Map<String, Double> behaviour, List<String> recentLines,
        Optional<String> lastCharacterLine, int misunderstandings, int turn) {
    /** The {@link #turn()} of a context whose caller does not count turns. */
    public static final int UNKNOWN_TURN = -1;

    public TurnContext {
        Require.nonNull(scenario, "scenario");
        Require.nonBlank(stateId, "stateId");
        if (scenario.state(stateId).isEmpty()) {
            throw new IllegalArgumentException("stateId '" + stateId + "' is not a state of scenario "
                    + scenario.id());
        }
        behaviour = Map.copyOf(Require.nonNull(behaviour, "behaviour"));
        recentLines = List.copyOf(Require.nonNull(recentLines, "recentLines"));
        Require.nonNull(lastCharacterLine, "lastCharacterLine");
        Require.inRange(misunderstandings, 0, Integer.MAX_VALUE, "misunderstandings");
        Require.inRange(turn, UNKNOWN_TURN, Integer.MAX_VALUE, "turn");
    }

    /** A context whose turn number is not known ({@value #UNKNOWN_TURN}). */
    public TurnContext(Scenario scenario, String stateId, Map<String, Double> behaviour, List<String> recentLines,
            Optional<String> lastCharacterLine, int misunderstandings) {
        this(scenario, stateId, behaviour, recentLines, lastCharacterLine, misunderstandings, UNKNOWN_TURN);
    }

    /** The value of behaviour parameter {@code name}, or {@code fallback} if it is not set. */
    public double value(String name, double fallback) {
        return behaviour.getOrDefault(name, fallback);
    }
}
